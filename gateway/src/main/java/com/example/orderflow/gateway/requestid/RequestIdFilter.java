package com.example.orderflow.gateway.requestid;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Runs first so that every later filter, the routes and the error handler see the id. It
 * is a {@link WebFilter} rather than a gateway filter because requests that match no
 * route (404s, the gateway's own endpoints) need an id too.
 */
@Component
class RequestIdFilter implements WebFilter, Ordered {

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String requestId = RequestIds.keepOrGenerate(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
		exchange.getAttributes().put(RequestIds.ATTRIBUTE, requestId);
		// Set at commit time: a downstream response may bring its own X-Request-Id, and
		// an error response is written long after this filter ran.
		exchange.getResponse().beforeCommit(() -> {
			exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
			return Mono.empty();
		});
		ServerWebExchange withId = exchange.mutate()
			.request((request) -> request.headers((headers) -> headers.set(RequestIds.HEADER, requestId)))
			.build();
		return chain.filter(withId);
	}

}
