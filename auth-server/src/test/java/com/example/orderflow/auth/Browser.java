package com.example.orderflow.auth;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * A browser for the authorization code flow: keeps cookies (the session, the CSRF token
 * of the login form), asks for HTML and follows no redirect by itself, so each step of
 * the flow can be looked at.
 */
public final class Browser {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private final String base;

	private final HttpClient http;

	public Browser(String base) {
		this.base = base;
		this.http = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.build();
	}

	public HttpResponse<String> get(String url) {
		return send(HttpRequest.newBuilder(URI.create(absolute(url))).header("Accept", "text/html").GET());
	}

	public HttpResponse<String> postForm(String url, Map<String, String> fields) {
		return send(HttpRequest.newBuilder(URI.create(absolute(url)))
			.header("Accept", "text/html")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(AuthServerIntegrationTest.form(fields))));
	}

	/** Fills in the login form (with its CSRF token) and submits it. */
	public HttpResponse<String> logIn(String username, String password) {
		HttpResponse<String> page = get("/login");
		Matcher csrf = CSRF.matcher(page.body());
		if (page.statusCode() != 200 || !csrf.find()) {
			throw new IllegalStateException(
					"No login form with a CSRF token: " + page.statusCode() + " " + page.body());
		}
		return postForm("/login", Map.of("username", username, "password", password, "_csrf", csrf.group(1)));
	}

	public static String location(HttpResponse<?> response) {
		return response.headers()
			.firstValue("Location")
			.orElseThrow(() -> new AssertionError("No Location in a " + response.statusCode() + " response"));
	}

	public static Map<String, String> queryOf(String url) {
		return UriComponentsBuilder.fromUriString(url).build().getQueryParams().toSingleValueMap();
	}

	/** A PKCE code verifier: 43 characters of base64url from 32 random bytes. */
	public static String newCodeVerifier() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	public static String s256(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String absolute(String url) {
		return url.startsWith("http") ? url : this.base + url;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
