package com.example.orderflow.gateway.framing;

import java.io.IOException;

import com.example.orderflow.gateway.FakeService;
import com.example.orderflow.gateway.RawHttp;
import com.example.orderflow.gateway.RawHttp.Response;
import com.example.orderflow.servicesecurity.test.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests whose framing cannot be trusted, written byte for byte on a socket: each is
 * answered with a problem by the gateway itself, the connection is closed, and no service
 * sees anything of it, not even a request pipelined behind it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RequestFramingIntegrationTests {

	static final FakeService service = FakeService.start().answer("/orders", 202, "application/json", "{}");

	@DynamicPropertySource
	static void routes(DynamicPropertyRegistry registry) {
		TestIssuer.register(registry);
		service.registerAsEveryService(registry);
	}

	@AfterAll
	static void stopService() {
		service.close();
	}

	@Value("${local.server.port}")
	int port;

	final JsonMapper json = JsonMapper.builder().build();

	String token;

	@BeforeEach
	void reset() {
		service.reset();
		this.token = TestIssuer.shared().customer("alice");
	}

	@Test
	void refusesATransferCodingOtherThanChunkedWithOrWithoutAContentLength() {
		for (String coding : new String[] { "Transfer-Encoding: xchunked\r\nContent-Length: 5\r\n",
				"Transfer-Encoding: xchunked\r\n", "Transfer-Encoding: chunked, identity\r\n",
				"Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", "Transfer-Encoding: gzip\r\n" }) {
			Response response = RawHttp.exchange(this.port,
					post(coding) + "\r\n" + "5\r\n{}   \r\n0\r\n\r\n" + pipelinedGet());

			assertProblem(response, 400, "Transfer-Encoding may only be chunked");
		}
		assertThat(service.received()).as("nothing of it reached a service").isEmpty();
	}

	@Test
	void stillForwardsAChunkedBody() {
		Response response = RawHttp.exchange(this.port, post("Transfer-Encoding: Chunked\r\nConnection: close\r\n")
				+ "\r\n" + "1a\r\n{\"customerId\":\"alice\"}    \r\n0\r\n\r\n");

		assertThat(response.status()).isEqualTo(202);
		assertThat(service.received()).singleElement()
			.satisfies((received) -> assertThat(received.body()).isEqualTo("{\"customerId\":\"alice\"}    "));
	}

	@Test
	void answersATooLongRequestLineWithAProblem() {
		Response response = RawHttp.exchange(this.port,
				"GET /api/orders?q=" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n" + pipelinedGet());

		assertProblem(response, 414, "request line is too long");
	}

	@Test
	void answersTooLargeHeadersWithAProblem() {
		Response response = RawHttp.exchange(this.port, "GET /api/orders HTTP/1.1\r\nHost: localhost\r\nX-Big: "
				+ "b".repeat(20_000) + "\r\n\r\n" + pipelinedGet());

		assertProblem(response, 431, "headers are too large");
	}

	@Test
	void refusesMoreHeaderFieldsThanTheServicesAccept() {
		StringBuilder headers = new StringBuilder();
		for (int i = 0; i < 150; i++) {
			headers.append("X-Many-").append(i).append(": ").append(i).append("\r\n");
		}

		Response response = RawHttp.exchange(this.port,
				"GET /api/orders HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + this.token + "\r\n" + headers
						+ "\r\n" + pipelinedGet());

		assertProblem(response, 431, "at most 100 header fields");
		assertThat(service.received()).isEmpty();
	}

	@Test
	void answersARequestThatIsNotHttpWithAProblem() {
		Response response = RawHttp.exchange(this.port, "GET /api/orders HTTP/1.1\r\nHost localhost\r\n\r\n");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
	}

	private String post(String framing) {
		return "POST /api/orders HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + this.token
				+ "\r\nContent-Type: application/json\r\n" + framing;
	}

	/** A valid request behind the refused one: it must not be answered either. */
	private String pipelinedGet() {
		return "GET /api/orders/42 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + this.token
				+ "\r\nConnection: close\r\n\r\n";
	}

	private void assertProblem(Response response, int status, String detail) {
		assertThat(response.status()).isEqualTo(status);
		assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(response.header("Connection")).isEqualTo("close");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("detail").asString()).contains(detail);
		assertThat(response.body()).as("one response, nothing for the pipelined request").doesNotContain("HTTP/1.1");
	}

}
