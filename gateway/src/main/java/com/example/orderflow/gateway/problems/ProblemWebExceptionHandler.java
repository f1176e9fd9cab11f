package com.example.orderflow.gateway.problems;

import java.util.Map;

import com.example.orderflow.gateway.requestid.RequestIds;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Replaces Spring Boot's error handler (which backs off when another
 * {@link ErrorWebExceptionHandler} exists) so that no gateway error is rendered as HTML
 * or Boot's JSON error map. Responses proxied from a service are not errors here and pass
 * through untouched, problem+json or not.
 */
@Component
@Order(-2)
class ProblemWebExceptionHandler implements ErrorWebExceptionHandler {

	private static final Log logger = LogFactory.getLog(ProblemWebExceptionHandler.class);

	private final JsonMapper jsonMapper;

	ProblemWebExceptionHandler(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.error(ex);
		}
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		GatewayFailure failure = GatewayFailure.of(ex, (route != null) ? route.getId() : null);
		log(exchange, ex, failure);
		byte[] body = this.jsonMapper.writeValueAsBytes(problem(exchange, failure));
		response.setStatusCode(failure.status());
		HttpHeaders headers = response.getHeaders();
		// a failure after a service answered may have left its entity headers behind
		headers.remove(HttpHeaders.CONTENT_ENCODING);
		headers.remove(HttpHeaders.TRANSFER_ENCODING);
		headers.addAll(failure.headers());
		headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		headers.setContentLength(body.length);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

	private static Map<String, Object> problem(ServerWebExchange exchange, GatewayFailure failure) {
		Map<String, Object> problem = ProblemBody.of(failure.status().value(), failure.detail());
		problem.put("instance", exchange.getRequest().getURI().getRawPath());
		String requestId = RequestIds.of(exchange);
		if (requestId != null) {
			problem.put("requestId", requestId);
		}
		return problem;
	}

	private static void log(ServerWebExchange exchange, Throwable ex, GatewayFailure failure) {
		String request = exchange.getRequest().getMethod() + " " + exchange.getRequest().getURI().getRawPath() + " ["
				+ RequestIds.of(exchange) + "]";
		if (failure.status().value() == HttpStatus.INTERNAL_SERVER_ERROR.value()) {
			logger.error("Failed " + request, ex);
		}
		else if (failure.status().is5xxServerError() && !(ex instanceof GatewayRefusal)) {
			// refusals are not logged one by one: an open breaker refuses every request,
			// and the breaker's own state and events are in actuator and the metrics
			logger.warn("Failed " + request + ": " + ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Refused " + request + ": " + ex);
		}
	}

}
