package com.example.orderflow.gateway.location;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Rewrites a routed answer's {@code Location} to the path the client used: a service
 * names what it created by its own address ({@code http://127.0.0.1:8082/products/NEW})
 * or its own path ({@code /orders/42}), neither of which the client can use and the first
 * of which leaks an internal address. The public prefix is whatever the route stripped
 * ({@code /api}), read from the request rather than configured twice. A location
 * elsewhere (another host) is left as it is.
 */
@Component
class PublicLocationFilter implements GlobalFilter, Ordered {

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		exchange.getResponse().beforeCommit(() -> {
			HttpHeaders headers = exchange.getResponse().getHeaders();
			String location = headers.getFirst(HttpHeaders.LOCATION);
			if (location != null) {
				String rewritten = publicLocation(location, exchange);
				if (rewritten != null) {
					headers.set(HttpHeaders.LOCATION, rewritten);
				}
			}
			return Mono.empty();
		});
		return chain.filter(exchange);
	}

	private static @Nullable String publicLocation(String location, ServerWebExchange exchange) {
		URI routedTo = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
		if (routedTo == null) {
			return null;
		}
		URI target;
		try {
			target = URI.create(location);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		if (target.isAbsolute() && !sameOrigin(target, routedTo)) {
			return null;
		}
		if (target.getRawPath() == null || !target.getRawPath().startsWith("/")) {
			return null;
		}
		return prefixOf(exchange, routedTo) + target.getRawPath()
				+ ((target.getRawQuery() != null) ? "?" + target.getRawQuery() : "");
	}

	private static boolean sameOrigin(URI a, URI b) {
		return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
				&& a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort();
	}

	/**
	 * What the route stripped from the client's path: {@code /api/products} →
	 * {@code /api}.
	 */
	private static String prefixOf(ServerWebExchange exchange, URI routedTo) {
		String original = exchange.getRequest().getURI().getRawPath();
		String forwarded = routedTo.getRawPath();
		if (original.endsWith(forwarded)) {
			return original.substring(0, original.length() - forwarded.length());
		}
		return "";
	}

}
