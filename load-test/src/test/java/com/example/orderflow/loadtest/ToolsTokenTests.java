package com.example.orderflow.loadtest;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ToolsTokenTests {

	private static final String SECRET = "s3cret+/=";

	private final List<String> issued = new CopyOnWriteArrayList<>();

	private HttpServer issuer;

	private volatile int expiresIn = 900;

	@BeforeEach
	void startIssuer() throws IOException {
		this.issuer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.issuer.createContext("/oauth2/token", this::token);
		this.issuer.start();
	}

	@AfterEach
	void stopIssuer() {
		this.issuer.stop(0);
	}

	@Test
	void getsATokenWithTheClientCredentialsGrantAndKeepsIt() {
		ToolsToken token = new ToolsToken(uri(), SECRET);

		assertThat(token.get()).isEqualTo("token-1");
		assertThat(token.get()).isEqualTo("token-1");
		assertThat(this.issued).hasSize(1);
	}

	@Test
	void fetchesANewTokenBeforeTheOldOneExpires() throws InterruptedException {
		this.expiresIn = 1;
		ToolsToken token = new ToolsToken(uri() + "/", SECRET);

		assertThat(token.get()).isEqualTo("token-1");
		Thread.sleep(700);

		assertThat(token.get()).isEqualTo("token-2");
	}

	@Test
	void saysWhyWhenTheIssuerRefusesTheSecret() {
		ToolsToken token = new ToolsToken(uri(), "wrong");

		assertThatIllegalStateException().isThrownBy(token::get)
			.withMessageContaining("gave no token to orderflow-tools: 401");
	}

	private String uri() {
		return "http://127.0.0.1:" + this.issuer.getAddress().getPort();
	}

	private void token(HttpExchange exchange) throws IOException {
		String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		// client id and secret form-encoded, then Basic (RFC 6749 2.3.1)
		String expected = "Basic " + Base64.getEncoder()
			.encodeToString("orderflow-tools:s3cret%2B%2F%3D".getBytes(StandardCharsets.UTF_8));
		if (!"POST".equals(exchange.getRequestMethod()) || !form.equals("grant_type=client_credentials")
				|| !expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
			respond(exchange, 401, "{\"error\":\"invalid_client\"}");
			return;
		}
		this.issued.add(form);
		respond(exchange, 200, "{\"access_token\":\"token-%d\",\"token_type\":\"Bearer\",\"expires_in\":%d}"
			.formatted(this.issued.size(), this.expiresIn));
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
