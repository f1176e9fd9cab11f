package com.example.orderflow.webproblems;

import java.io.IOException;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before any handler, filter or firewall sees it, a request whose query or form
 * parameters are not {@link PlainText}, or whose header values are not printable ASCII:
 * 400 problem+json naming the parameter or header, without echoing the value. A header
 * value travels as bytes that a server reads as ISO-8859-1, so a non-ASCII one (an
 * {@code Idempotency-Key} in Cyrillic) would reach a handler garbled; and what Spring
 * Security's firewall refuses gets no body at all.
 */
class PlainTextRequests extends OncePerRequestFilter {

	static final String PRINTABLE_ASCII = "must be printable ASCII text";

	private final JsonMapper json;

	PlainTextRequests(JsonMapper json) {
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		InvalidField refused = firstRefused(request);
		if (refused == null) {
			chain.doFilter(request, response);
			return;
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"'" + refused.field() + "' " + refused.message() + ".");
		problem.setInstance(java.net.URI.create(request.getRequestURI()));
		problem.setProperty(InvalidFieldProblems.ERRORS, List.of(refused));
		ProblemResponses.write(response, this.json, problem);
	}

	private static @Nullable InvalidField firstRefused(HttpServletRequest request) {
		Enumeration<String> headers = request.getHeaderNames();
		while (headers.hasMoreElements()) {
			String name = headers.nextElement();
			Enumeration<String> values = request.getHeaders(name);
			while (values.hasMoreElements()) {
				if (!isPrintableAscii(values.nextElement())) {
					return new InvalidField(name, PRINTABLE_ASCII);
				}
			}
		}
		for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
			if (!PlainText.isPlain(parameter.getKey())) {
				return new InvalidField("query", "parameter names " + PlainText.RULE);
			}
			for (String value : parameter.getValue()) {
				if (!PlainText.isPlain(value)) {
					return new InvalidField(parameter.getKey(), PlainText.RULE);
				}
			}
		}
		return null;
	}

	private static boolean isPrintableAscii(String value) {
		return value.chars().allMatch((c) -> c == '\t' || (c >= 0x20 && c < 0x7f));
	}

}
