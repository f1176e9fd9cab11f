package com.example.orderflow.gateway.ratelimit;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientRateLimiterTests {

	private final AtomicLong now = new AtomicLong();

	@Test
	void limitsEachClientOnItsOwn() {
		ClientRateLimiter limiter = new ClientRateLimiter(new RateLimitProperties(1, 1, 10), this.now::get);
		assertThat(limiter.tryAcquire("10.0.0.1")).isZero();
		assertThat(limiter.tryAcquire("10.0.0.1")).isPositive();
		assertThat(limiter.tryAcquire("10.0.0.2")).isZero();
	}

	@Test
	void forgetsClientsWhoseAllowanceHasRefilledAndOnlyThose() {
		ClientRateLimiter limiter = new ClientRateLimiter(new RateLimitProperties(1, 2, 10), this.now::get);
		limiter.tryAcquire("quiet");
		this.now.addAndGet(900_000_000L);
		limiter.tryAcquire("busy");
		this.now.addAndGet(200_000_000L);
		limiter.forgetIdleClients();
		assertThat(limiter.trackedClients()).isEqualTo(1);
		assertThat(limiter.tryAcquire("busy")).isZero();
		assertThat(limiter.tryAcquire("busy")).isPositive();
	}

	@Test
	void letsClientsBeyondTheTrackedMaximumShareOneAllowance() {
		ClientRateLimiter limiter = new ClientRateLimiter(new RateLimitProperties(1, 2, 2), this.now::get);
		limiter.tryAcquire("a");
		limiter.tryAcquire("b");
		assertThat(limiter.tryAcquire("c")).isZero();
		assertThat(limiter.tryAcquire("d")).isZero();
		assertThat(limiter.tryAcquire("e")).isPositive();
		assertThat(limiter.trackedClients()).isEqualTo(2);
	}

}
