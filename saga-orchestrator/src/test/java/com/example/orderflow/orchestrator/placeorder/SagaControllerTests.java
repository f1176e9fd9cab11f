package com.example.orderflow.orchestrator.placeorder;

import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

@WebMvcTest(SagaController.class)
@ExtendWith(OutputCaptureExtension.class)
class SagaControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private SagaRepository sagas;

	@MockitoBean
	private SagaRetry retry;

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		TestIssuer.register(registry);
	}

	@Test
	void answersAnUnknownSagaWithA404Problem() {
		UUID orderId = UUID.randomUUID();
		given(this.sagas.findView(orderId)).willReturn(Optional.empty());

		assertThat(this.mvc.get().uri("/sagas/{orderId}", orderId).header(HttpHeaders.AUTHORIZATION, operator()))
			.hasStatus(HttpStatus.NOT_FOUND)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("No saga for order " + orderId);
	}

	@Test
	void refusesALimitOutOfRangeWithA400Problem() {
		assertThat(this.mvc.get().uri("/sagas?state=PARKED&limit=0").header(HttpHeaders.AUTHORIZATION, operator()))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(this.mvc.get().uri("/sagas?state=PARKED&limit=1001").header(HttpHeaders.AUTHORIZATION, operator()))
			.hasStatus(HttpStatus.BAD_REQUEST);
	}

	@Test
	void answersA503ProblemWithRetryAfterWhenTheDatabaseIsOutOfReach(CapturedOutput output) {
		UUID orderId = UUID.randomUUID();
		given(this.sagas.findView(orderId))
			.willThrow(new CannotGetJdbcConnectionException("x", new SQLException("refused", "08001")));

		assertThat(this.mvc.get().uri("/sagas/{orderId}", orderId).header(HttpHeaders.AUTHORIZATION, operator()))
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
		UUID orderId = UUID.randomUUID();
		given(this.sagas.findView(orderId)).willThrow(new IllegalStateException("secret internals"));

		MvcTestResult result = this.mvc.get()
			.uri("/sagas/{orderId}", orderId)
			.header(HttpHeaders.AUTHORIZATION, operator())
			.exchange();

		assertThat(result).hasStatus(HttpStatus.INTERNAL_SERVER_ERROR)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("The request could not be handled.");
		assertThat(result).body().asString().doesNotContain("secret internals", "IllegalStateException");
		assertThat(output).contains("java.lang.IllegalStateException: secret internals", "\tat ");
	}

	private static String operator() {
		return "Bearer " + TestIssuer.shared().operator();
	}

}
