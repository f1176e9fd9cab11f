package com.example.orderflow.auth;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.example.orderflow.messaging.test.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of every {@code @SpringBootTest} here, so they share one application context: the
 * server on a real port of its own, a fresh database of the local PostgreSQL server, a
 * key directory with one key and a random tools secret. The issuer is the server's own
 * URL, so tests verify tokens as a resource server does: by the issuer's URL alone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
public abstract class AuthServerIntegrationTest {

	protected static final String TOOLS_CLIENT = "orderflow-tools";

	protected static final String WEB_CLIENT = "orderflow-web";

	protected static final String AUDIENCE = "orderflow-api";

	protected static final String FIRST_KID = "2026-01-01";

	/**
	 * A loopback redirect on a port not registered: RFC 8252 lets native apps pick any.
	 */
	protected static final String REDIRECT_URI = "http://127.0.0.1:53682/callback";

	static final TestDatabase database = TestDatabase.create("auth");

	protected static final Path keys = TestKeys.newDirectory();

	protected static final String toolsSecret = UUID.randomUUID().toString();

	// fixed before the context starts, since the issuer (every token's iss) names it
	private static final int port = freePort();

	protected static final String issuer = "http://127.0.0.1:" + port;

	protected static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	protected static final JsonMapper json = JsonMapper.builder().build();

	static {
		TestKeys.write(keys, FIRST_KID);
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("server.port", () -> port);
		registry.add("spring.security.oauth2.authorizationserver.issuer", () -> issuer);
		registry.add("auth.keys.dir", keys::toString);
		registry.add("auth.clients.tools.secret", () -> toolsSecret);
	}

	/** Verifies like a resource server configured with the issuer URI only. */
	protected static NimbusJwtDecoder resourceServerDecoder() {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer).build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(new JwtAudienceValidator(AUDIENCE),
				JwtValidators.createDefaultWithIssuer(issuer)));
		return decoder;
	}

	protected static HttpResponse<String> clientCredentials(String clientId, String secret) {
		String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		return send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "client_credentials")))));
	}

	/** An access token of the tools client: an operator's. */
	protected static String operatorToken() {
		HttpResponse<String> response = clientCredentials(TOOLS_CLIENT, toolsSecret);
		if (response.statusCode() != 200) {
			throw new IllegalStateException("No operator token: " + response.statusCode() + " " + response.body());
		}
		return read(response.body()).get("access_token").asString();
	}

	protected static HttpResponse<String> putUser(String bearerToken, String username, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(issuer + "/users/" + username))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(body));
		if (bearerToken != null) {
			request.header("Authorization", "Bearer " + bearerToken);
		}
		return send(request);
	}

	/**
	 * Creates a user with a random password through the admin API; returns the password.
	 */
	protected static String createUser(String username, String role) {
		String password = UUID.randomUUID().toString();
		HttpResponse<String> response = putUser(operatorToken(), username, """
				{"password": "%s", "role": "%s"}""".formatted(password, role));
		if (response.statusCode() != 201) {
			throw new IllegalStateException("User not created: " + response.statusCode() + " " + response.body());
		}
		return password;
	}

	/**
	 * The authorize URL of the web client with PKCE (S256), or without when challenge is
	 * null.
	 */
	protected static String authorizeUrl(String challenge, String state) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("response_type", "code");
		parameters.put("client_id", WEB_CLIENT);
		parameters.put("redirect_uri", REDIRECT_URI);
		parameters.put("scope", "openid");
		parameters.put("state", state);
		if (challenge != null) {
			parameters.put("code_challenge", challenge);
			parameters.put("code_challenge_method", "S256");
		}
		return issuer + "/oauth2/authorize?" + form(parameters);
	}

	/** The code of a browser already signed in. */
	protected static String codeFor(Browser browser, String challenge) {
		String callback = Browser.location(browser.get(authorizeUrl(challenge, "s")));
		if (!callback.startsWith(REDIRECT_URI + "?")) {
			throw new IllegalStateException("No code but a redirect to " + callback);
		}
		return Browser.queryOf(callback).get("code");
	}

	/**
	 * Exchanges a code as the web client, a public one: the verifier instead of a secret.
	 */
	protected static HttpResponse<String> redeem(String code, String verifier) {
		return postToken(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI,
				"client_id", WEB_CLIENT, "code_verifier", verifier));
	}

	/** Signs in as the user and runs the code flow; returns the token response's JSON. */
	protected static JsonNode tokensOf(String username, String password) {
		Browser browser = new Browser(issuer);
		String error = Browser.location(browser.logIn(username, password));
		if (error.contains("error")) {
			throw new IllegalStateException("Cannot sign in as " + username);
		}
		String verifier = Browser.newCodeVerifier();
		return read(redeem(codeFor(browser, Browser.s256(verifier)), verifier).body());
	}

	protected static HttpResponse<String> postToken(Map<String, String> fields) {
		return send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(fields))));
	}

	protected static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	protected static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((field) -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	protected static JsonNode read(String body) {
		return json.readTree(body);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
