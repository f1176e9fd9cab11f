package com.example.orderflow.webproblems;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A filter that refuses a request with {@code sendError}, as Spring Security's firewall
 * does in a service without its own refusal handler, or that throws, is answered through
 * the container's error forward: as a problem, never as Boot's own JSON. Needs a real
 * Tomcat, since MockMvc does not forward to the error page.
 */
@SpringBootTest(classes = ErrorForwardIntegrationTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class ErrorForwardIntegrationTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@Value("${local.server.port}")
	int port;

	@Test
	void aRequestAFilterRefusesWithSendErrorIsAProblemThatDoesNotEchoThePath() throws Exception {
		HttpResponse<String> response = get("/refused/secret-path", "application/json");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = JsonMapper.builder().build().readTree(response.body());
		assertThat(problem.path("status").asInt()).isEqualTo(400);
		assertThat(problem.path("title").asString()).isEqualTo("Bad Request");
		assertThat(problem.path("detail").asString()).startsWith("The request was refused");
		assertThat(problem.has("timestamp")).as("Boot's error JSON").isFalse();
		assertThat(response.body()).doesNotContain("secret-path");
	}

	@Test
	void aFilterThatThrowsIsA500ProblemWithoutTheExceptionsMessage() throws Exception {
		HttpResponse<String> response = get("/broken", "*/*");

		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(JsonMapper.builder().build().readTree(response.body()).path("status").asInt()).isEqualTo(500);
		assertThat(response.body()).doesNotContain("internal secret");
	}

	@Test
	void aBrowserAskingForHtmlStillGetsAnHtmlPage() throws Exception {
		HttpResponse<String> response = get("/refused/page", "text/html");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
	}

	@Test
	void anAnsweredRequestIsLeftAlone() throws Exception {
		HttpResponse<String> response = get("/things/1", "*/*");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("1");
	}

	private HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Accept", accept)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Import(ThingServer.class)
	static class App {

		/** Refuses /refused/** as a firewall would, and fails on /broken. */
		@Bean
		Filter refusingFilter() {
			return (request, response, chain) -> {
				String path = ((HttpServletRequest) request).getRequestURI();
				if (path.startsWith("/refused/")) {
					((HttpServletResponse) response).sendError(400);
					return;
				}
				if (path.equals("/broken")) {
					throw new IllegalStateException("internal secret");
				}
				chain.doFilter(request, response);
			};
		}

	}

}
