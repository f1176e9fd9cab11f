package com.example.orderflow.order.catalog;

import java.time.Duration;

import com.example.orderflow.order.catalog.CatalogFixtures.MovableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExpiringCacheTests {

	private static final Duration TTL = Duration.ofSeconds(30);

	private final MovableClock clock = CatalogFixtures.clock();

	@Test
	void keepsAValueUntilItsTtlHasPassed() {
		ExpiringCache cache = new ExpiringCache(TTL, 10, this.clock);
		cache.put("SKU-1", "EUR");

		this.clock.advance(TTL.minusMillis(1));
		assertThat(cache.get("SKU-1")).isEqualTo("EUR");

		this.clock.advance(Duration.ofMillis(1));
		assertThat(cache.get("SKU-1")).isNull();
		assertThat(cache.size()).isZero();
	}

	@Test
	void readingAValueDoesNotExtendItsTtl() {
		ExpiringCache cache = new ExpiringCache(TTL, 10, this.clock);
		cache.put("SKU-1", "EUR");
		this.clock.advance(TTL.dividedBy(2));
		cache.get("SKU-1");

		this.clock.advance(TTL.dividedBy(2));

		assertThat(cache.get("SKU-1")).isNull();
	}

	@Test
	void dropsTheLeastRecentlyUsedValueWhenFull() {
		ExpiringCache cache = new ExpiringCache(TTL, 2, this.clock);
		cache.put("SKU-1", "EUR");
		cache.put("SKU-2", "EUR");
		cache.get("SKU-1");

		cache.put("SKU-3", "USD");

		assertThat(cache.size()).isEqualTo(2);
		assertThat(cache.get("SKU-2")).isNull();
		assertThat(cache.get("SKU-1")).isEqualTo("EUR");
		assertThat(cache.get("SKU-3")).isEqualTo("USD");
	}

	@Test
	void keepsNothingWithATtlOfZero() {
		ExpiringCache cache = new ExpiringCache(Duration.ZERO, 10, this.clock);

		cache.put("SKU-1", "EUR");

		assertThat(cache.get("SKU-1")).isNull();
	}

}
