package com.example.orderflow.gateway.ratelimit;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientRateLimiterTests {

	private final AtomicLong now = new AtomicLong();

	@Test
	void limitsEachClientOnItsOwn() {
		ClientRateLimiter limiter = new ClientRateLimiter(RateLimitProperties.uniform(1, 1, 10), this.now::get);
		assertThat(limiter.tryAcquire("10.0.0.1")).isZero();
		assertThat(limiter.tryAcquire("10.0.0.1")).isPositive();
		assertThat(limiter.tryAcquire("10.0.0.2")).isZero();
	}

	@Test
	void forgetsClientsWhoseAllowanceHasRefilledAndOnlyThose() {
		ClientRateLimiter limiter = new ClientRateLimiter(RateLimitProperties.uniform(1, 2, 10), this.now::get);
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
	void givesANamedPrincipalItsOwnQuotaAndAddressesTheirs() {
		ClientRateLimiter limiter = new ClientRateLimiter(
				new RateLimitProperties(1, 1, 1, 3, Map.of("orderflow-tools", new RateLimitProperties.Quota(1, 5)), 10),
				this.now::get);
		assertThat(acquired(limiter, "principal:alice", 10)).isEqualTo(1);
		assertThat(acquired(limiter, "address:10.0.0.1", 10)).isEqualTo(3);
		assertThat(acquired(limiter, "principal:orderflow-tools", 10)).isEqualTo(5);
	}

	private static int acquired(ClientRateLimiter limiter, String client, int tries) {
		int acquired = 0;
		for (int i = 0; i < tries; i++) {
			if (limiter.tryAcquire(client) == 0) {
				acquired++;
			}
		}
		return acquired;
	}

	@Test
	void letsClientsBeyondTheTrackedMaximumShareOneAllowance() {
		ClientRateLimiter limiter = new ClientRateLimiter(RateLimitProperties.uniform(1, 2, 2), this.now::get);
		limiter.tryAcquire("a");
		limiter.tryAcquire("b");
		assertThat(limiter.tryAcquire("c")).isZero();
		assertThat(limiter.tryAcquire("d")).isZero();
		assertThat(limiter.tryAcquire("e")).isPositive();
		assertThat(limiter.trackedClients()).isEqualTo(2);
	}

}
