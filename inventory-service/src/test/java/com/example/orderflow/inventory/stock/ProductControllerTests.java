package com.example.orderflow.inventory.stock;

import java.sql.SQLException;

import com.example.orderflow.servicesecurity.test.TestIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static com.example.orderflow.servicesecurity.test.Bearer.customer;
import static com.example.orderflow.inventory.stock.ProductFixtures.mugJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;

/**
 * The failures the controller does not expect, and who may change the catalogue, without
 * a database: the integration tests cover everything else against a real one.
 */
@WebMvcTest(ProductController.class)
@ExtendWith(OutputCaptureExtension.class)
class ProductControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private ProductRepository products;

	@MockitoBean
	private ProductCatalog catalog;

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		TestIssuer.register(registry);
	}

	@Test
	void refusesAProductChangeByACustomerWithA403ProblemBeforeTheCatalogSeesIt() {
		assertThat(this.mvc.put()
			.uri("/products/{sku}", "MUG-1")
			.header(HttpHeaders.AUTHORIZATION, customer("alice"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(mugJson(5))).hasStatus(HttpStatus.FORBIDDEN)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		then(this.catalog).shouldHaveNoInteractions();
	}

	@Test
	void answersA503ProblemWithRetryAfterWhenTheDatabaseIsOutOfReach(CapturedOutput output) {
		given(this.products.find("MUG-1"))
			.willThrow(new CannotGetJdbcConnectionException("x", new SQLException("refused", "08001")));

		assertThat(this.mvc.get().uri("/products/{sku}", "MUG-1").header(HttpHeaders.AUTHORIZATION, customer("alice")))
			.hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader(HttpHeaders.RETRY_AFTER, "2")
			.bodyJson()
			.extractingPath("$.title")
			.isEqualTo("Temporarily unavailable");
		// one line with the cause, no stack trace (whose first line names the exception)
		assertThat(output).contains("with 503", "refused").doesNotContain("CannotGetJdbcConnectionException");
	}

	@Test
	void answersAnUnexpectedFailureWithA500ProblemThatHidesTheInternals(CapturedOutput output) {
		given(this.products.find("MUG-1")).willThrow(new IllegalStateException("secret internals"));

		MvcTestResult result = this.mvc.get()
			.uri("/products/{sku}", "MUG-1")
			.header(HttpHeaders.AUTHORIZATION, customer("alice"))
			.exchange();

		assertThat(result).hasStatus(HttpStatus.INTERNAL_SERVER_ERROR)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("The request could not be handled.");
		assertThat(result).body().asString().doesNotContain("secret internals", "IllegalStateException");
		assertThat(output).contains("java.lang.IllegalStateException: secret internals", "\tat ");
	}

}
