package com.example.orderflow.gateway.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client, in memory. Memory stays bounded: buckets that have refilled
 * completely are dropped by {@link #forgetIdleClients()}, and clients beyond
 * {@code maxClients} share one overflow bucket instead of getting their own.
 */
final class ClientRateLimiter {

	private final RateLimitProperties properties;

	private final LongSupplier nanoClock;

	private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

	private final TokenBucket overflow;

	ClientRateLimiter(RateLimitProperties properties, LongSupplier nanoClock) {
		this.properties = properties;
		this.nanoClock = nanoClock;
		this.overflow = newBucket(
				new RateLimitProperties.Quota(properties.replenishRate(), properties.burstCapacity()));
	}

	/**
	 * @return 0 if the client may go ahead, otherwise how many nanoseconds until it may
	 */
	long tryAcquire(String client) {
		long now = this.nanoClock.getAsLong();
		TokenBucket bucket = this.buckets.get(client);
		if (bucket == null) {
			// the size check races with other new clients, overshooting by at most a few
			bucket = (this.buckets.size() < this.properties.maxClients())
					? this.buckets.computeIfAbsent(client, (key) -> newBucket(this.properties.quotaOf(key)))
					: this.overflow;
		}
		return bucket.tryTake(now);
	}

	void forgetIdleClients() {
		long now = this.nanoClock.getAsLong();
		this.buckets.values().removeIf((bucket) -> bucket.isFull(now));
	}

	int trackedClients() {
		return this.buckets.size();
	}

	private TokenBucket newBucket(RateLimitProperties.Quota quota) {
		return new TokenBucket(quota.burstCapacity(), quota.replenishRate(), this.nanoClock.getAsLong());
	}

}
