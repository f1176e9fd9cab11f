package com.example.orderflow.gateway.pathguard;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Runs before routing, so a refused path never reaches a service. Refusals are a 404 like
 * any unknown path: a probe learns nothing about what exists behind the gateway.
 */
@Component
class ForwardedPathGuard implements WebFilter, Ordered {

	private static final Log logger = LogFactory.getLog(ForwardedPathGuard.class);

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String rawPath = exchange.getRequest().getURI().getRawPath();
		return switch (RequestPathInspector.inspect(rawPath)) {
			case PASS -> chain.filter(exchange);
			case REFUSE -> {
				if (logger.isDebugEnabled()) {
					logger.debug("Refused path that would reach an internal endpoint: " + rawPath);
				}
				yield Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
			}
			case MALFORMED ->
				Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, "The request path is not valid."));
		};
	}

}
