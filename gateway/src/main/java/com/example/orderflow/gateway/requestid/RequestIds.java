package com.example.orderflow.gateway.requestid;

import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.web.server.ServerWebExchange;

/**
 * The request id of an exchange, readable by other features (problem responses quote it).
 */
public final class RequestIds {

	public static final String HEADER = "X-Request-Id";

	static final String ATTRIBUTE = RequestIds.class.getName() + ".requestId";

	// Ids end up in log lines and response headers: a short, plain alphabet keeps a
	// caller from injecting line breaks or flooding logs through them.
	private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,128}");

	private RequestIds() {
	}

	/**
	 * The id assigned to this exchange, or {@code null} if the request never reached the
	 * request-id filter.
	 */
	public static @Nullable String of(ServerWebExchange exchange) {
		return exchange.getAttribute(ATTRIBUTE);
	}

	static boolean isSane(@Nullable String candidate) {
		return candidate != null && SANE.matcher(candidate).matches();
	}

	static String keepOrGenerate(@Nullable String candidate) {
		return isSane(candidate) ? candidate : UUID.randomUUID().toString();
	}

}
