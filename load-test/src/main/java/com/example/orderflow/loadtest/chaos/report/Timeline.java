package com.example.orderflow.loadtest.chaos.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * A drill's run second by second: orders posted and refused (by the second they were
 * posted), sagas completed and their latency from POST to outcome (by the second they
 * completed), and the moments a fault went on and off. Thread-safe: the load, the Kafka
 * watcher and the fault write to it at once.
 */
public final class Timeline {

	private final long startNanos;

	private final TreeMap<Integer, Bucket> buckets = new TreeMap<>();

	private final List<Mark> marks = new ArrayList<>();

	private final List<Double> allLatencies = new ArrayList<>();

	public Timeline(long startNanos) {
		this.startNanos = startNanos;
	}

	public synchronized void posted(long atNanos) {
		bucket(atNanos).posted++;
	}

	public synchronized void refused(long postedAtNanos) {
		bucket(postedAtNanos).refused++;
	}

	public synchronized void completed(long postedAtNanos, long finishedAtNanos) {
		double millis = (finishedAtNanos - postedAtNanos) / 1e6;
		bucket(finishedAtNanos).latencies.add(millis);
		this.allLatencies.add(millis);
	}

	/** Marks this moment. */
	public synchronized void mark(Kind kind, String label) {
		this.marks.add(new Mark(secondsAt(System.nanoTime()), kind, label));
	}

	public double secondsAt(long nanos) {
		return Math.round((nanos - this.startNanos) / 1e7) / 100.0;
	}

	/** Every second from the start to the last one anything happened in. */
	public synchronized List<Second> seconds() {
		int last = this.buckets.isEmpty() ? -1 : this.buckets.lastKey();
		List<Second> seconds = new ArrayList<>();
		for (int second = 0; second <= last; second++) {
			Bucket bucket = this.buckets.getOrDefault(second, new Bucket());
			double[] sorted = sorted(bucket.latencies);
			seconds.add(new Second(second, bucket.posted, bucket.refused, sorted.length, percentile(sorted, 50),
					percentile(sorted, 99)));
		}
		return seconds;
	}

	public synchronized List<Mark> marks() {
		return List.copyOf(this.marks);
	}

	/** Over the whole run, in milliseconds; null when nothing completed. */
	public synchronized Double latencyMillisAt(double percentile) {
		return percentile(sorted(this.allLatencies), percentile);
	}

	public synchronized int completed() {
		return this.allLatencies.size();
	}

	private Bucket bucket(long nanos) {
		int second = (int) Math.max(0, (nanos - this.startNanos) / 1_000_000_000L);
		return this.buckets.computeIfAbsent(second, (s) -> new Bucket());
	}

	private static double[] sorted(List<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
		Arrays.sort(sorted);
		return sorted;
	}

	/** Nearest rank, as the benchmark's: an observed value, never an interpolation. */
	static Double percentile(double[] sorted, double percentile) {
		if (sorted.length == 0) {
			return null;
		}
		int rank = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(rank, sorted.length - 1))];
	}

	public enum Kind {

		FAULT_ON, FAULT_OFF, NOTE

	}

	/**
	 * @param at seconds since the load started
	 */
	public record Mark(double at, Kind kind, String label) {

	}

	/**
	 * @param posted orders posted in this second
	 * @param refused of those, the ones the gateway did not accept (any answer but 202,
	 * or none)
	 * @param completed sagas whose outcome appeared in this second
	 * @param p50Millis median latency, POST to outcome, of those; null when none
	 * @param p99Millis 99th percentile of the same
	 */
	public record Second(int second, int posted, int refused, int completed, Double p50Millis, Double p99Millis) {

		/** Refused of posted, in percent; null when nothing was posted. */
		public Double refusedPercent() {
			return (this.posted > 0) ? 100.0 * this.refused / this.posted : null;
		}

	}

	private static final class Bucket {

		private int posted;

		private int refused;

		private final List<Double> latencies = new ArrayList<>();

	}

}
