package com.example.orderflow.servicesecurity;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * 401 and 403 as RFC 9457 problem details, with the {@code WWW-Authenticate} header RFC
 * 6750 asks for (Spring Security's bearer token handlers set it and the status; this adds
 * the body a client of this API expects on every error). And the firewall's refusal of a
 * malformed URL or header as a 400 problem, not a 500, without echoing what was refused.
 */
class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

	static final String REJECTED_DETAIL = "The request was refused: its URL or a header contains characters "
			+ "or sequences that are not allowed.";

	static final String UNAUTHORIZED_DETAIL = "A valid bearer token is required.";

	static final String FORBIDDEN_DETAIL = "The token does not allow this request.";

	private final JsonMapper json;

	private final BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();

	private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();

	SecurityProblems(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		// the challenge repeats the refusal's description: the same plain sentence there
		this.bearerEntryPoint.commence(request, response, withPlainReason(authException));
		write(response, HttpStatus.UNAUTHORIZED, "Unauthorized", unauthorizedDetail(authException), request);
	}

	/** The refusal with its description in a plain sentence, its code and status kept. */
	private static AuthenticationException withPlainReason(AuthenticationException ex) {
		if (!(ex instanceof OAuth2AuthenticationException oauth) || oauth.getError().getDescription() == null) {
			return ex;
		}
		OAuth2Error error = oauth.getError();
		String plain = TokenRefusalReasons.plain(error.getDescription());
		OAuth2Error plainError = (error instanceof BearerTokenError bearer)
				? new BearerTokenError(bearer.getErrorCode(), bearer.getHttpStatus(), plain, bearer.getUri(),
						bearer.getScope())
				: new OAuth2Error(error.getErrorCode(), plain, error.getUri());
		return new OAuth2AuthenticationException(plainError, ex);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		this.bearerDenied.handle(request, response, accessDeniedException);
		write(response, HttpStatus.FORBIDDEN, "Forbidden", FORBIDDEN_DETAIL, request);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			RequestRejectedException requestRejectedException) throws IOException {
		// without the instance: the path may be what was refused
		write(response, HttpStatus.BAD_REQUEST, "Bad Request", REJECTED_DETAIL, null);
	}

	/**
	 * Says why a presented token was refused (expired, bad signature...) in a plain
	 * sentence, never more.
	 */
	static String unauthorizedDetail(AuthenticationException ex) {
		if (ex instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null) {
			return UNAUTHORIZED_DETAIL + " " + TokenRefusalReasons.plain(oauth.getError().getDescription());
		}
		return UNAUTHORIZED_DETAIL;
	}

	private void write(HttpServletResponse response, HttpStatus status, String title, String detail,
			@Nullable HttpServletRequest request) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", title);
		problem.put("status", status.value());
		problem.put("detail", detail);
		if (request != null) {
			problem.put("instance", request.getRequestURI());
		}
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(this.json.writeValueAsBytes(problem));
	}

}
