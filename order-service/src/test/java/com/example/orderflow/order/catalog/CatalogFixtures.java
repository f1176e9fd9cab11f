package com.example.orderflow.order.catalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

/** Settings, ids and clocks for the catalog's tests; fresh ids on every call. */
final class CatalogFixtures {

	private CatalogFixtures() {
	}

	/** Both services at {@code url}, with the defaults of application.yml. */
	static DownstreamProperties properties(String url) {
		return properties(url, Duration.ofSeconds(1), Duration.ofSeconds(30));
	}

	static DownstreamProperties properties(String url, Duration readTimeout, Duration cacheTtl) {
		return new DownstreamProperties(url, url, Duration.ofMillis(500), readTimeout, cacheTtl, 10_000);
	}

	static String newSku() {
		return "SKU-" + UUID.randomUUID();
	}

	static String newCustomerId() {
		return "customer-" + UUID.randomUUID();
	}

	static MovableClock clock() {
		return new MovableClock(Instant.parse("2026-01-15T10:00:00Z"));
	}

	/** A clock that only moves when told to. */
	static final class MovableClock extends Clock {

		private Instant now;

		private MovableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

	}

}
