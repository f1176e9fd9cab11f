package com.example.orderflow.order.orders.web;

import java.sql.SQLException;
import java.util.UUID;

import com.example.orderflow.order.orders.OrderPlacement;
import com.example.orderflow.order.orders.OrderRepository;
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

import static com.example.orderflow.order.orders.web.PlaceOrderFixtures.newIdempotencyKey;
import static com.example.orderflow.order.orders.web.PlaceOrderFixtures.placeOrderBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;

/**
 * The failures the controller does not expect, without a database: the integration tests
 * cover everything else against a real one.
 */
@WebMvcTest(OrderController.class)
@ExtendWith(OutputCaptureExtension.class)
class OrderControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private OrderPlacement placement;

	@MockitoBean
	private OrderRepository orders;

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		TestIssuer.register(registry);
	}

	@Test
	void answersA503ProblemWithRetryAfterWhenTheDatabaseIsOutOfReach(CapturedOutput output) {
		given(this.placement.place(anyString(), any(), anyString()))
			.willThrow(new CannotGetJdbcConnectionException("x", new SQLException("refused", "08001")));

		assertThat(this.mvc.post()
			.uri("/orders")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestIssuer.shared().operator())
			.header(OrderController.IDEMPOTENCY_KEY, newIdempotencyKey())
			.contentType(MediaType.APPLICATION_JSON)
			.content(placeOrderBody())).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
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
		UUID orderId = UUID.randomUUID();
		given(this.orders.findById(orderId)).willThrow(new IllegalStateException("secret internals"));

		MvcTestResult result = this.mvc.get()
			.uri("/orders/{orderId}", orderId)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestIssuer.shared().operator())
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
