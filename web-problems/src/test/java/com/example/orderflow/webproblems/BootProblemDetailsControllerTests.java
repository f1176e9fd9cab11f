package com.example.orderflow.webproblems;

import java.sql.SQLException;

import com.example.orderflow.webproblems.ThingController.Things;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

/**
 * A service without an advice of its own, which leaves Spring MVC's exceptions to the
 * handler Boot adds for {@code spring.mvc.problemdetails.enabled}: that one still answers
 * them, before the library's.
 */
@WebMvcTest(properties = "spring.mvc.problemdetails.enabled=true")
@Import(ThingController.class)
class BootProblemDetailsControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private Things things;

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
	}

	@Test
	void answersA503WhenTheDatabaseIsOutOfReach() {
		given(this.things.find("mug"))
			.willThrow(new CannotGetJdbcConnectionException("x", new SQLException("refused", "08001")));

		assertThat(this.mvc.get().uri("/things/mug")).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasHeader(HttpHeaders.RETRY_AFTER, "2");
	}

}
