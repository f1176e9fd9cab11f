package com.example.orderflow.payment.web;

import com.example.orderflow.payment.PaymentServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.json.AbstractJsonContentAssert;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API description is open, so the gateway can merge it, and tells its readers to send
 * a bearer token (and what a refused one gets); the caller is the token's, never a
 * request parameter.
 */
class ApiDocsIntegrationTests extends PaymentServiceIntegrationTest {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void declaresTheBearerSchemeAndItsRefusalsForEveryOperation() {
		apiDocs().isLenientlyEqualTo("""
				{"security": [{"bearerAuth": []}],
				 "components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer",
				                                                   "bearerFormat": "JWT"}}}}""")
			.hasPath("$.paths['/accounts/{customerId}/deposits'].post.responses['200'].content")
			.hasPath("$.paths['/accounts/{customerId}/deposits'].post.responses['401']")
			.hasPath("$.paths['/accounts/{customerId}/deposits'].post.responses['403']")
			.hasPath("$.paths['/payments'].get.responses['200'].content")
			.hasPath("$.paths['/payments'].get.responses['401']");
	}

	@Test
	void listsNoCallerParameter() {
		apiDocs().extractingPath("$.paths.*.*.parameters[*].name")
			.asArray()
			.contains("customerId", "orderId")
			.doesNotContain("caller");
	}

	private AbstractJsonContentAssert<?> apiDocs() {
		return assertThat(this.mvc.get().uri("/v3/api-docs")).hasStatusOk().bodyJson();
	}

}
