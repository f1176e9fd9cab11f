package com.example.orderflow.gateway.ratelimit;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTests {

	private static final long SECOND = Duration.ofSeconds(1).toNanos();

	@Test
	void allowsAFullBurstAtOnceAndNothingMore() {
		TokenBucket bucket = new TokenBucket(3, 1, 0);
		assertThat(bucket.tryTake(0)).isZero();
		assertThat(bucket.tryTake(0)).isZero();
		assertThat(bucket.tryTake(0)).isZero();
		assertThat(bucket.tryTake(0)).isEqualTo(SECOND);
	}

	@Test
	void tellsHowLongUntilTheNextTokenAndRefillsAtTheRate() {
		TokenBucket bucket = new TokenBucket(1, 4, 0);
		assertThat(bucket.tryTake(0)).isZero();
		assertThat(bucket.tryTake(SECOND / 8)).isEqualTo(SECOND / 8);
		assertThat(bucket.tryTake(SECOND / 4)).isZero();
	}

	@Test
	void neverHoldsMoreThanItsCapacity() {
		TokenBucket bucket = new TokenBucket(2, 1000, 0);
		long later = 60 * SECOND;
		assertThat(bucket.tryTake(later)).isZero();
		assertThat(bucket.tryTake(later)).isZero();
		assertThat(bucket.tryTake(later)).isPositive();
	}

	@Test
	void isFullOnlyOnceEveryTakenTokenCameBack() {
		TokenBucket bucket = new TokenBucket(2, 1, 0);
		bucket.tryTake(0);
		assertThat(bucket.isFull(SECOND / 2)).isFalse();
		assertThat(bucket.isFull(SECOND)).isTrue();
	}

}
