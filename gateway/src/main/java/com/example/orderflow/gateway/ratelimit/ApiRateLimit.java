package com.example.orderflow.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.example.orderflow.gateway.problems.GatewayRefusal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Applies to the public API ({@code /api/**}, the aggregated OpenAPI document included),
 * not to the gateway's own actuator endpoints that probes and Prometheus poll. Runs right
 * after the request id is assigned, so a refused request costs next to nothing.
 * <p>
 * The client is the remote address of the connection. {@code X-Forwarded-For} is not read
 * here: any caller can send one. Behind a trusted proxy, setting
 * {@code server.forward-headers-strategy} makes the remote address the proxy's client.
 * Metrics count requests and tracked clients, never one meter per address.
 */
@Component
class ClientRateLimitFilter implements WebFilter, Ordered, DisposableBean {

	static final String API_PREFIX = "/api/";

	private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(5);

	private final ClientRateLimiter limiter;

	private final Counter allowed;

	private final Counter rejected;

	private final Disposable sweeper;

	ClientRateLimitFilter(RateLimitProperties properties, MeterRegistry meterRegistry) {
		this.limiter = new ClientRateLimiter(properties, System::nanoTime);
		this.allowed = requests(meterRegistry, "allowed");
		this.rejected = requests(meterRegistry, "rejected");
		Gauge.builder("gateway.ratelimit.clients", this.limiter, ClientRateLimiter::trackedClients)
			.description("Clients whose request rate the gateway currently tracks")
			.register(meterRegistry);
		this.sweeper = Schedulers.parallel()
			.schedulePeriodically(this.limiter::forgetIdleClients, SWEEP_INTERVAL.toMillis(), SWEEP_INTERVAL.toMillis(),
					TimeUnit.MILLISECONDS);
	}

	private static Counter requests(MeterRegistry meterRegistry, String outcome) {
		return Counter.builder("gateway.ratelimit.requests")
			.description("API requests by rate-limit outcome")
			.tag("outcome", outcome)
			.register(meterRegistry);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 5;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!exchange.getRequest().getPath().value().startsWith(API_PREFIX)) {
			return chain.filter(exchange);
		}
		long waitNanos = this.limiter.tryAcquire(clientOf(exchange));
		if (waitNanos == 0) {
			this.allowed.increment();
			return chain.filter(exchange);
		}
		this.rejected.increment();
		return Mono.error(new GatewayRefusal(HttpStatus.TOO_MANY_REQUESTS,
				"This client sent more requests than the gateway accepts per second.", Duration.ofNanos(waitNanos)));
	}

	private static String clientOf(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		if (remote == null) {
			return "unknown";
		}
		return (remote.getAddress() != null) ? remote.getAddress().getHostAddress() : remote.getHostString();
	}

	@Override
	public void destroy() {
		this.sweeper.dispose();
	}

}
