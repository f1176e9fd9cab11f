package com.example.orderflow.loadtest;

import java.util.Arrays;

/** End-to-end latencies in nanoseconds; percentiles by sorting, exact. */
final class Latencies {

	private long[] values = new long[1024];

	private int size;

	synchronized void add(long nanos) {
		if (this.size == this.values.length) {
			this.values = Arrays.copyOf(this.values, this.size * 2);
		}
		this.values[this.size++] = nanos;
	}

	synchronized int count() {
		return this.size;
	}

	/**
	 * @param percentile between 0 and 100
	 */
	synchronized double millisAt(double percentile) {
		if (this.size == 0) {
			return Double.NaN;
		}
		long[] sorted = Arrays.copyOf(this.values, this.size);
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(percentile / 100.0 * this.size) - 1;
		return sorted[Math.max(0, Math.min(rank, this.size - 1))] / 1_000_000.0;
	}

}
