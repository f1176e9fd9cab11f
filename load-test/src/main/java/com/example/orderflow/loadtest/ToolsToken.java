package com.example.orderflow.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tools' bearer token: the benchmark and the drills act as the
 * {@code orderflow-tools} client (role operator, for any customer), with the client
 * credentials grant against the issuer. Kept until a minute before it expires, then
 * fetched again, so a run longer than a token's life keeps working.
 */
public final class ToolsToken implements Supplier<String> {

	/** Where the secret comes from: never an argument, which {@code ps} would show. */
	public static final String SECRET_VARIABLE = "AUTH_TOOLS_CLIENT_SECRET";

	static final String CLIENT_ID = "orderflow-tools";

	private static final Duration MARGIN = Duration.ofMinutes(1);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI tokenEndpoint;

	private final String basicCredentials;

	private String token;

	private long renewAt;

	public ToolsToken(String issuer, String secret) {
		this.tokenEndpoint = URI.create(issuer.replaceAll("/+$", "") + "/oauth2/token");
		this.basicCredentials = Base64.getEncoder()
			.encodeToString((encode(CLIENT_ID) + ":" + encode(secret)).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * @param issuer the authorization server's issuer URL
	 * @return the tools' token from the secret in {@value #SECRET_VARIABLE}
	 */
	public static ToolsToken fromEnvironment(String issuer) {
		String secret = System.getenv(SECRET_VARIABLE);
		if (secret == null || secret.isBlank()) {
			throw new IllegalArgumentException("Set " + SECRET_VARIABLE
					+ " to the orderflow-tools client's secret (./stack sets it from .stack/auth/tools-secret)");
		}
		return new ToolsToken(issuer, secret);
	}

	/** The access token, without the {@code Bearer} prefix. */
	@Override
	public synchronized String get() {
		if (this.token == null || System.nanoTime() - this.renewAt >= 0) {
			fetch();
		}
		return this.token;
	}

	private void fetch() {
		HttpRequest request = HttpRequest.newBuilder(this.tokenEndpoint)
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", "Basic " + this.basicCredentials)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
			.build();
		HttpResponse<String> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot reach the issuer at " + this.tokenEndpoint + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
		JsonNode answer = (response.statusCode() == 200) ? json.readTree(response.body()) : null;
		if (answer == null || !answer.path("access_token").isString()) {
			throw new IllegalStateException("The issuer at " + this.tokenEndpoint + " gave no token to " + CLIENT_ID
					+ ": " + response.statusCode() + " " + response.body());
		}
		Duration life = answer.path("expires_in").canConvertToLong()
				? Duration.ofSeconds(answer.path("expires_in").asLong()) : Duration.ofMinutes(5);
		this.token = answer.path("access_token").stringValue();
		this.renewAt = System.nanoTime() + Math.max(life.minus(MARGIN).toNanos(), life.toNanos() / 2);
	}

	private static String encode(String value) {
		// RFC 6749 2.3.1: client id and secret are form-encoded before Basic
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
