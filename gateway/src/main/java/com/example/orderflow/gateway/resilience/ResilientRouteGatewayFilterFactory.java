package com.example.orderflow.gateway.resilience;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.orderflow.gateway.problems.GatewayRefusal;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.HasRouteId;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * The {@code ResilientRoute} filter: a circuit breaker, bulkhead and time limit (Spring
 * Cloud CircuitBreaker's Resilience4j implementation) around each attempt, and a
 * Resilience4j retry around the attempts of safe requests.
 * <p>
 * Gateway's own {@code CircuitBreaker} filter does not fit: it either turns a service's
 * 5xx answer into an error, losing the answer, or with {@code resumeWithoutError} also
 * swallows connection errors and bulkhead refusals into an empty 200; and an open breaker
 * becomes a bare 503 that says neither which service nor when to come back. Here what
 * says the service is unwell (a refused connection, a timeout, a 502, 503 or 504) counts
 * as a failure for the breaker and is still passed on unchanged; a client error (404,
 * 409, 422) and a 500 (one request failing, most likely for what it carried) are normal
 * answers, so that no client can open a breaker for everyone; refusals carry a
 * {@code Retry-After}.
 * <p>
 * The time limit covers an attempt up to the service's response headers; the body then
 * streams to the caller outside it.
 */
@Component
class ResilientRouteGatewayFilterFactory
		extends AbstractGatewayFilterFactory<ResilientRouteGatewayFilterFactory.Config> {

	// a retried POST could place an order twice
	private static final Set<HttpMethod> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD);

	private static final Duration BULKHEAD_RETRY_AFTER = Duration.ofSeconds(1);

	private final ReactiveCircuitBreakerFactory<?, ?> circuitBreakers;

	private final CircuitBreakerRegistry circuitBreakerRegistry;

	private final RetryRegistry retryRegistry;

	ResilientRouteGatewayFilterFactory(ReactiveCircuitBreakerFactory<?, ?> circuitBreakers,
			CircuitBreakerRegistry circuitBreakerRegistry, RetryRegistry retryRegistry) {
		super(Config.class);
		this.circuitBreakers = circuitBreakers;
		this.circuitBreakerRegistry = circuitBreakerRegistry;
		this.retryRegistry = retryRegistry;
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of("name");
	}

	@Override
	public GatewayFilter apply(Config config) {
		String name = config.name();
		ReactiveCircuitBreaker breaker = this.circuitBreakers.create(name);
		Retry retry = this.retryRegistry.retry(name);
		return (exchange, chain) -> {
			AtomicInteger attempts = new AtomicInteger();
			Mono<Void> attempt = Mono.defer(() -> {
				if (attempts.getAndIncrement() > 0) {
					resetForNextAttempt(exchange);
				}
				Mono<Void> call = chain.filter(exchange).then(Mono.defer(() -> failIfUnhealthy(exchange)));
				return breaker.run(call, null)
					.onErrorResume(UnhealthyAnswer.class, (ex) -> Mono.empty())
					.onErrorMap(CallNotPermittedException.class, (ex) -> breakerOpen(name))
					.onErrorMap(BulkheadFullException.class, (ex) -> bulkheadFull(name));
			});
			if (!SAFE_METHODS.contains(exchange.getRequest().getMethod())) {
				return attempt;
			}
			return attempt.then(Mono.fromSupplier(() -> statusOf(exchange)))
				.transformDeferred(RetryOperator.of(retry))
				.then();
		};
	}

	/**
	 * A 502, 503 or 504 answer must count against the breaker, which sees only errors,
	 * yet reach the caller as the service sent it: signalled as an error inside the
	 * breaker and dropped right outside it. The answer itself has not been written yet
	 * (that happens after all route filters), so nothing is lost.
	 */
	private static Mono<Void> failIfUnhealthy(ServerWebExchange exchange) {
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		if (status != null && RetryableStatus.saysUnwell(status)) {
			return Mono.error(new UnhealthyAnswer());
		}
		return Mono.empty();
	}

	private static HttpStatusCode statusOf(ServerWebExchange exchange) {
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		return (status != null) ? status : HttpStatus.OK;
	}

	// what Gateway's own Retry filter does between attempts: release the previous
	// answer's connection and forget its headers and that the exchange was routed
	private static void resetForNextAttempt(ServerWebExchange exchange) {
		Connection connection = exchange.getAttribute(ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR);
		if (connection != null) {
			connection.dispose();
			exchange.getAttributes().remove(ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR);
		}
		ServerWebExchangeUtils.reset(exchange);
	}

	private GatewayRefusal breakerOpen(String name) {
		Duration openFor = this.circuitBreakerRegistry.find(name)
			.map((breaker) -> Duration
				.ofMillis(breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1)))
			.orElse(Duration.ofSeconds(1));
		return new GatewayRefusal(HttpStatus.SERVICE_UNAVAILABLE,
				"The " + name
						+ " service failed repeatedly, so the gateway is not forwarding requests to it for a while.",
				openFor);
	}

	private static GatewayRefusal bulkheadFull(String name) {
		return new GatewayRefusal(HttpStatus.SERVICE_UNAVAILABLE,
				"The " + name + " service is already handling as many requests as the gateway allows.",
				BULKHEAD_RETRY_AFTER);
	}

	/**
	 * @see ResilientRouteGatewayFilterFactory
	 */
	static final class Config implements HasRouteId {

		private @Nullable String name;

		private @Nullable String routeId;

		/**
		 * The Resilience4j instances' name; the route id unless set.
		 */
		String name() {
			String chosen = StringUtils.hasText(this.name) ? this.name : this.routeId;
			if (!StringUtils.hasText(chosen)) {
				throw new IllegalStateException("ResilientRoute needs a name or a route id");
			}
			return chosen;
		}

		public void setName(String name) {
			this.name = name;
		}

		@Override
		public void setRouteId(String routeId) {
			this.routeId = routeId;
		}

		@Override
		public @Nullable String getRouteId() {
			return this.routeId;
		}

	}

	private static final class UnhealthyAnswer extends RuntimeException {

		UnhealthyAnswer() {
			super("5xx answer", null, false, false);
		}

	}

}
