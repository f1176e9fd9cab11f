package com.example.orderflow.webproblems;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests Tomcat refuses while parsing them never reach Spring: they are answered by the
 * error report valve, which must say so as a problem, not as Tomcat's HTML page. Written
 * byte for byte on a socket against a real Tomcat.
 */
@SpringBootTest(classes = ThingServer.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class TomcatErrorReportIntegrationTests {

	@Value("${local.server.port}")
	int port;

	@Test
	void moreHeaderFieldsThanTomcatAcceptsIsAProblemNotAnHtmlPage() throws IOException {
		StringBuilder headers = new StringBuilder();
		for (int i = 0; i < 150; i++) {
			headers.append("X-Many-").append(i).append(": ").append(i).append("\r\n");
		}

		String response = exchange("GET /things/1 HTTP/1.1\r\nHost: localhost\r\n" + headers + "\r\n");

		assertProblem(response, 400);
	}

	@Test
	void aMalformedRequestLineIsAProblem() throws IOException {
		String response = exchange("GET /things/\u0001 HTTP/1.1\r\nHost: localhost\r\n\r\n");

		assertProblem(response, 400);
	}

	@Test
	void anAnsweredRequestIsLeftAlone() throws IOException {
		String response = exchange("GET /things/1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 200").endsWith("1");
	}

	private static void assertProblem(String response, int status) {
		assertThat(response).startsWith("HTTP/1.1 " + status);
		String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase();
		assertThat(head).contains("content-type: application/problem+json");
		JsonNode problem = JsonMapper.builder().build().readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("detail").asString()).startsWith("The request was refused before it reached");
		assertThat(response).doesNotContainIgnoringCase("<html").doesNotContain("Tomcat");
	}

	private String exchange(String raw) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
