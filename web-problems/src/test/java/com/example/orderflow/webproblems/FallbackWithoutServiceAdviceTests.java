package com.example.orderflow.webproblems;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service whose own advice does not cover every path (the issuer's covers its user API
 * only) or that has none: what Spring MVC refuses keeps its status as a problem, never
 * the 500 of a bug, and logs no error.
 */
@WebMvcTest
@Import(ThingController.class)
@ExtendWith(OutputCaptureExtension.class)
class FallbackWithoutServiceAdviceTests {

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private ThingController.Things things;

	@Test
	void anUnknownPathIsA404Problem(CapturedOutput output) {
		assertThat(this.mvc.get().uri("/nowhere")).hasStatus(HttpStatus.NOT_FOUND)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo(404);
		assertThat(output).doesNotContain("ERROR", "Failed to handle");
	}

	@Test
	void aMethodThePathDoesNotTakeIsA405ProblemThatSaysWhichItTakes(CapturedOutput output) {
		assertThat(this.mvc.delete().uri("/things/mug")).hasStatus(HttpStatus.METHOD_NOT_ALLOWED)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader(HttpHeaders.ALLOW, "GET");
		assertThat(output).doesNotContain("ERROR", "Failed to handle");
	}

	@Test
	void theErrorPathAskedForDirectlyIsA404ProblemNotA500() {
		assertThat(this.mvc.get().uri("/error")).hasStatus(HttpStatus.NOT_FOUND)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void anUnsupportedMediaTypeIsA415Problem() {
		assertThat(this.mvc.post().uri("/things").contentType(MediaType.TEXT_PLAIN).content("mug"))
			.hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

}
