package com.example.orderflow.gateway.resilience;

import java.util.Set;
import java.util.function.Predicate;

import org.springframework.http.HttpStatusCode;

/**
 * The answers worth another attempt: a service behind the gateway that is restarting or
 * overloaded says so with 502, 503 or 504, while any other status (a 500 included) would
 * only come back the same. Public because Resilience4j instantiates it from
 * {@code resilience4j.retry.configs.default.result-predicate}.
 */
public final class RetryableStatus implements Predicate<Object> {

	private static final Set<Integer> RETRYABLE = Set.of(502, 503, 504);

	@Override
	public boolean test(Object result) {
		return result instanceof HttpStatusCode status && saysUnwell(status);
	}

	/**
	 * Whether the answer says the service is unwell (restarting, overloaded, cut off from
	 * what it needs), so that the route's breaker counts it. A 500 does not: it is one
	 * request failing, most likely for what that request carried, and one client must not
	 * be able to open a breaker for everyone.
	 */
	static boolean saysUnwell(HttpStatusCode status) {
		return RETRYABLE.contains(status.value());
	}

}
