package com.example.orderflow.gateway.ratelimit;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.example.orderflow.gateway.problems.GatewayRefusal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The API's rate limit, keyed on the authenticated principal: customers behind one proxy
 * or NAT keep separate allowances, and a client cannot gain one by changing address. A
 * request without a valid token has no principal and is counted against its remote
 * address (see {@link Client#addressOf}), so a flood of missing or bad tokens is
 * throttled too.
 * <p>
 * Only the security filter chain knows who the caller is, so that is where this runs:
 * {@link #filter()} right after authentication, {@link #countingRefusedTokens} where a
 * presented token is refused. The price is that a token is checked before its client's
 * allowance is. Metrics count requests by outcome and by what they were keyed on, never
 * one meter per client.
 */
@Component
public class ApiRateLimit implements DisposableBean {

	static final String API_PREFIX = "/api/";

	private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(5);

	private final ClientRateLimiter limiter;

	private final Map<Client.Kind, Counter> allowed = new EnumMap<>(Client.Kind.class);

	private final Map<Client.Kind, Counter> rejected = new EnumMap<>(Client.Kind.class);

	private final Disposable sweeper;

	ApiRateLimit(RateLimitProperties properties, MeterRegistry meterRegistry) {
		this.limiter = new ClientRateLimiter(properties, System::nanoTime);
		for (Client.Kind kind : Client.Kind.values()) {
			this.allowed.put(kind, requests(meterRegistry, "allowed", kind));
			this.rejected.put(kind, requests(meterRegistry, "rejected", kind));
		}
		Gauge.builder("gateway.ratelimit.clients", this.limiter, ClientRateLimiter::trackedClients)
			.description("Clients (principals and addresses) whose request rate the gateway currently tracks")
			.register(meterRegistry);
		this.sweeper = Schedulers.parallel()
			.schedulePeriodically(this.limiter::forgetIdleClients, SWEEP_INTERVAL.toMillis(), SWEEP_INTERVAL.toMillis(),
					TimeUnit.MILLISECONDS);
	}

	private static Counter requests(MeterRegistry meterRegistry, String outcome, Client.Kind kind) {
		return Counter.builder("gateway.ratelimit.requests")
			.description("API requests by rate-limit outcome and by what the client is (principal or address)")
			.tag("outcome", outcome)
			.tag("key", kind.tag())
			.register(meterRegistry);
	}

	/**
	 * For the security filter chain, right after authentication: limits the public API
	 * ({@code /api/**}, the aggregated OpenAPI document included) per principal, or per
	 * address for a request without a token. The gateway's own actuator endpoints, which
	 * probes and Prometheus poll, are not limited. Not a bean: as one, WebFlux would also
	 * run it outside the security chain, where nobody is authenticated yet.
	 */
	public WebFilter filter() {
		return this::limit;
	}

	/**
	 * Counts a request whose token was refused against its address, whatever its path,
	 * before refusing it through the entry point; an address over its limit is answered
	 * 429 instead.
	 */
	public ServerAuthenticationFailureHandler countingRefusedTokens(ServerAuthenticationEntryPoint entryPoint) {
		return (filterExchange, ex) -> admit(Client.addressOf(filterExchange.getExchange()))
			.then(Mono.defer(() -> entryPoint.commence(filterExchange.getExchange(), ex)));
	}

	private Mono<Void> limit(ServerWebExchange exchange, WebFilterChain chain) {
		if (!exchange.getRequest().getPath().value().startsWith(API_PREFIX)) {
			return chain.filter(exchange);
		}
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.filter(Authentication::isAuthenticated)
			.map((authentication) -> Client.principal(authentication.getName()))
			.switchIfEmpty(Mono.fromSupplier(() -> Client.addressOf(exchange)))
			.flatMap(this::admit)
			.then(Mono.defer(() -> chain.filter(exchange)));
	}

	private Mono<Void> admit(Client client) {
		long waitNanos = this.limiter.tryAcquire(client.key());
		if (waitNanos == 0) {
			this.allowed.get(client.kind()).increment();
			return Mono.empty();
		}
		this.rejected.get(client.kind()).increment();
		return Mono.error(new GatewayRefusal(HttpStatus.TOO_MANY_REQUESTS,
				"This client sent more requests than the gateway accepts per second.", Duration.ofNanos(waitNanos)));
	}

	@Override
	public void destroy() {
		this.sweeper.dispose();
	}

}
