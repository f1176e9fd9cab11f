package com.example.orderflow.order.catalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;

/**
 * A bounded map whose entries expire: at most {@code maxEntries}, the least recently used
 * going first, so a stream of distinct keys cannot exhaust the heap.
 */
final class ExpiringCache {

	private final Duration ttl;

	private final int maxEntries;

	private final Clock clock;

	/** In access order: the first entry is the least recently used. */
	private final LinkedHashMap<String, Entry> entries;

	ExpiringCache(Duration ttl, int maxEntries, Clock clock) {
		this.ttl = ttl;
		this.clock = clock;
		this.maxEntries = maxEntries;
		this.entries = new LinkedHashMap<>(16, 0.75f, true);
	}

	/**
	 * @return the value, or null if there is none or it expired
	 */
	synchronized String get(String key) {
		Entry entry = this.entries.get(key);
		if (entry == null) {
			return null;
		}
		if (!this.clock.instant().isBefore(entry.expiresAt())) {
			this.entries.remove(key);
			return null;
		}
		return entry.value();
	}

	synchronized void put(String key, String value) {
		if (this.ttl.isZero()) {
			return;
		}
		this.entries.put(key, new Entry(value, this.clock.instant().plus(this.ttl)));
		if (this.entries.size() > this.maxEntries) {
			this.entries.remove(this.entries.firstEntry().getKey());
		}
	}

	synchronized int size() {
		return this.entries.size();
	}

	private record Entry(String value, Instant expiresAt) {

	}

}
