package com.example.orderflow.webproblems;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import com.example.orderflow.webproblems.ThingController.ThingLockedException;
import com.example.orderflow.webproblems.ThingController.Things;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

/**
 * The library's advice next to a service's own, as the slice loads it: the
 * auto-configuration comes from the {@code @WebMvcTest} registration, not from an import
 * here.
 */
@WebMvcTest
@Import({ ThingController.class, ServiceProblems.class })
@ExtendWith(OutputCaptureExtension.class)
class FallbackProblemsControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private Things things;

	@Test
	void answersA503ProblemWithRetryAfterWhenTheDatabaseIsOutOfReach(CapturedOutput output) {
		given(this.things.find("mug"))
			.willThrow(new CannotGetJdbcConnectionException("x", new SQLException("refused", "08001")));

		assertThat(this.mvc.get().uri("/things/mug")).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader(HttpHeaders.RETRY_AFTER, "2")
			.bodyJson()
			.extractingPath("$.title")
			.isEqualTo("Temporarily unavailable");
		// one WARN line with the request and the cause, no stack trace (whose first line
		// names the exception)
		assertThat(output).contains("WARN", "Answered GET /things/mug with 503", "refused")
			.doesNotContain("CannotGetJdbcConnectionException", "\tat ");
	}

	@Test
	void answersA503WhenAQueryTimesOut() {
		given(this.things.find("mug")).willThrow(new QueryTimeoutException("lock wait timeout"));

		assertThat(this.mvc.get().uri("/things/mug")).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasHeader(HttpHeaders.RETRY_AFTER, "2");
	}

	@Test
	void answersA503WhenATransactionCannotStartForWantOfAConnection() {
		given(this.things.find("mug"))
			.willThrow(new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
					new SQLTransientConnectionException("HikariPool-1 - Connection is not available")));

		assertThat(this.mvc.get().uri("/things/mug")).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasHeader(HttpHeaders.RETRY_AFTER, "2");
	}

	@Test
	void answersA500WhenATransactionCannotStartForAnotherReason(CapturedOutput output) {
		given(this.things.find("mug")).willThrow(new CannotCreateTransactionException("Could not begin",
				new IllegalStateException("nested transactions not supported")));

		assertThat(this.mvc.get().uri("/things/mug")).hasStatus(HttpStatus.INTERNAL_SERVER_ERROR)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.doesNotContainHeader(HttpHeaders.RETRY_AFTER);
		assertThat(output).contains("ERROR", "Failed to handle GET /things/mug", "nested transactions not supported",
				"\tat ");
	}

	@Test
	void answersAnUnexpectedFailureWithA500ProblemThatHidesTheInternals(CapturedOutput output) {
		given(this.things.find("mug")).willThrow(new IllegalStateException("secret internals"));

		MvcTestResult result = this.mvc.get().uri("/things/mug").exchange();

		assertThat(result).hasStatus(HttpStatus.INTERNAL_SERVER_ERROR)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("The request could not be handled.");
		assertThat(result).body().asString().doesNotContain("secret internals", "IllegalStateException");
		assertThat(output).contains("ERROR", "java.lang.IllegalStateException: secret internals", "\tat ");
	}

	@Test
	void leavesADomainFailureToTheServicesOwnHandler() {
		given(this.things.find("mug")).willThrow(new ThingLockedException("mug is locked"));

		assertThat(this.mvc.get().uri("/things/mug")).hasStatus(HttpStatus.CONFLICT)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("mug is locked");
	}

	@Test
	void leavesAnErrorResponseExceptionItsOwnStatus() {
		given(this.things.find("mug")).willThrow(new ResponseStatusException(HttpStatus.NOT_FOUND, "No thing mug"));

		assertThat(this.mvc.get().uri("/things/mug")).hasStatus(HttpStatus.NOT_FOUND)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("No thing mug");
	}

	@Test
	void leavesSpringMvcsOwnExceptionsTheirStatus() {
		assertThat(this.mvc.get().uri("/things")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(this.mvc.post().uri("/things").contentType(MediaType.TEXT_PLAIN).content("mug"))
			.hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(this.mvc.get().uri("/nowhere")).hasStatus(HttpStatus.NOT_FOUND)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

}
