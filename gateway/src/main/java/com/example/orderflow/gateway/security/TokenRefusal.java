package com.example.orderflow.gateway.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.example.orderflow.servicesecurity.TokenRefusalReasons;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.web.server.ResponseStatusException;

/**
 * A request refused for its token (401) or for what its token allows (403). Raised rather
 * than written, so the problems feature answers it like every other refusal of the
 * gateway (problem+json, request id), with the {@code WWW-Authenticate} challenge of RFC
 * 6750 that Spring Security's bearer token handlers would have set.
 */
final class TokenRefusal extends ResponseStatusException {

	static final String UNAUTHORIZED_DETAIL = "A valid bearer token is required.";

	static final String FORBIDDEN_DETAIL = "The token does not allow this request.";

	private static final String RFC_6750_ERRORS = "https://tools.ietf.org/html/rfc6750#section-3.1";

	private final String challenge;

	private TokenRefusal(HttpStatusCode status, String detail, String challenge) {
		super(status, detail);
		this.challenge = challenge;
	}

	/**
	 * No token ({@code Bearer} alone, as RFC 6750 asks when the request carried no
	 * credentials), or one that was refused: the error code and why (expired, bad
	 * signature, wrong audience...) in a plain sentence, never the parser's internals.
	 */
	static TokenRefusal unauthorized(AuthenticationException ex) {
		if (ex instanceof OAuth2AuthenticationException oauth) {
			OAuth2Error error = oauth.getError();
			HttpStatusCode status = (error instanceof BearerTokenError bearer) ? bearer.getHttpStatus()
					: HttpStatus.UNAUTHORIZED;
			String why = (error.getDescription() != null) ? TokenRefusalReasons.plain(error.getDescription()) : null;
			String detail = (why != null) ? UNAUTHORIZED_DETAIL + " " + why : UNAUTHORIZED_DETAIL;
			String uri = (error.getUri() != null) ? error.getUri() : RFC_6750_ERRORS;
			return new TokenRefusal(status, detail, challenge(error.getErrorCode(), why, uri));
		}
		return new TokenRefusal(HttpStatus.UNAUTHORIZED, UNAUTHORIZED_DETAIL, "Bearer");
	}

	/** A valid token whose roles do not cover the request. */
	static TokenRefusal forbidden() {
		return new TokenRefusal(HttpStatus.FORBIDDEN, FORBIDDEN_DETAIL, challenge("insufficient_scope",
				"The request requires higher privileges than provided by the access token.", RFC_6750_ERRORS));
	}

	private static String challenge(String error, @Nullable String description, String uri) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("error", error);
		if (description != null) {
			parameters.put("error_description", description);
		}
		parameters.put("error_uri", uri);
		return "Bearer " + parameters.entrySet()
			.stream()
			.map((parameter) -> parameter.getKey() + "=\"" + quotable(parameter.getValue()) + "\"")
			.collect(Collectors.joining(", "));
	}

	// a description may quote parts of the token: keep the quoted string well formed
	private static String quotable(String value) {
		return value.replace('"', '\'').replace('\\', '/').replaceAll("\\p{Cntrl}", " ");
	}

	@Override
	public HttpHeaders getHeaders() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE, this.challenge);
		return headers;
	}

}
