package com.example.orderflow.gateway.ratelimit;

/**
 * One client's allowance: holds up to {@code capacity} tokens, refilled continuously at
 * {@code ratePerSecond}; a request takes one.
 */
final class TokenBucket {

	private static final double NANOS_PER_SECOND = 1_000_000_000d;

	private final double capacity;

	private final double tokensPerNano;

	private double tokens;

	private long refilledAt;

	TokenBucket(long capacity, double ratePerSecond, long now) {
		this.capacity = capacity;
		this.tokensPerNano = ratePerSecond / NANOS_PER_SECOND;
		this.tokens = capacity;
		this.refilledAt = now;
	}

	/**
	 * Takes a token if there is one.
	 * @param now the current {@link System#nanoTime()}
	 * @return 0 if a token was taken, otherwise how many nanoseconds until there is one
	 */
	synchronized long tryTake(long now) {
		refill(now);
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return 0;
		}
		return Math.max(1, (long) Math.ceil((1 - this.tokens) / this.tokensPerNano));
	}

	/**
	 * Whether the bucket has refilled completely: it then behaves exactly like a new one,
	 * so forgetting it loses nothing.
	 */
	synchronized boolean isFull(long now) {
		refill(now);
		return this.tokens >= this.capacity;
	}

	private void refill(long now) {
		long elapsed = now - this.refilledAt;
		if (elapsed > 0) {
			this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.tokensPerNano);
			this.refilledAt = now;
		}
	}

}
