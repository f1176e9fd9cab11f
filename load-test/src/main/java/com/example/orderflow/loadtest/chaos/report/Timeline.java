package com.example.orderflow.loadtest.chaos.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;

import com.example.orderflow.loadtest.chaos.report.DrillReport.Recovery;

/**
 * A drill's run second by second: orders posted and refused (by the second they were
 * posted), sagas completed and their latency from POST to outcome (by the second they
 * completed), and the moments a fault went on and off. Thread-safe: the load, the Kafka
 * watcher and the fault write to it at once.
 */
public final class Timeline {

	private final long startNanos;

	private final TreeMap<Integer, Bucket> buckets = new TreeMap<>();

	private final List<Moment> marks = new ArrayList<>();

	private final List<Completion> completions = new ArrayList<>();

	private long lastPostedNanos = Long.MIN_VALUE;

	private Long healingFromNanos;

	private Long readyNanos;

	public Timeline(long startNanos) {
		this.startNanos = startNanos;
	}

	public synchronized void posted(long atNanos) {
		bucket(atNanos).posted++;
		this.lastPostedNanos = Math.max(this.lastPostedNanos, atNanos);
	}

	public synchronized void refused(long postedAtNanos) {
		bucket(postedAtNanos).refused++;
	}

	public synchronized void completed(long postedAtNanos, long finishedAtNanos) {
		Completion completion = new Completion(postedAtNanos, finishedAtNanos);
		bucket(finishedAtNanos).latencies.add(completion.millis());
		this.completions.add(completion);
	}

	/** Marks this moment. */
	public void mark(Kind kind, String label) {
		mark(System.nanoTime(), kind, label);
	}

	/** Marks a moment taken already. */
	synchronized void mark(long atNanos, Kind kind, String label) {
		this.marks.add(new Moment(atNanos, new Mark(secondsAt(atNanos), kind, label)));
	}

	/**
	 * What the fault stopped is ready again: healing ({@code ./stack up}, the heal
	 * command) began at the one moment and returned with it ready at the other. Only a
	 * fault that restarts something says so; should it say so twice, the first counts.
	 */
	public synchronized void ready(long healingFromNanos, long readyAtNanos) {
		if (this.readyNanos == null) {
			this.healingFromNanos = healingFromNanos;
			this.readyNanos = readyAtNanos;
		}
	}

	public double secondsAt(long nanos) {
		return toSeconds(nanos - this.startNanos);
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
		return this.marks.stream().map(Moment::mark).toList();
	}

	/** Over the whole run, in milliseconds; null when nothing completed. */
	public synchronized Double latencyMillisAt(double percentile) {
		return percentile(sorted(this.completions.stream().map(Completion::millis).toList()), percentile);
	}

	public synchronized int completed() {
		return this.completions.size();
	}

	/**
	 * How soon the system came back from the fault, measured from the first time it went
	 * on and the first time after that it went off.
	 */
	public synchronized Recovery recovery() {
		Long on = firstMark(Kind.FAULT_ON, Long.MIN_VALUE);
		Long off = (on != null) ? firstMark(Kind.FAULT_OFF, on) : null;
		Double readyAfterHealing = (this.readyNanos != null) ? toSeconds(this.readyNanos - this.healingFromNanos)
				: null;
		Double readyAfterFaultOn = (this.readyNanos != null && on != null) ? toSeconds(this.readyNanos - on) : null;
		Quiet quiet = longestWithoutCompletion();
		return new Recovery(readyAfterHealing, readyAfterFaultOn, firstCompletedAfter(on), firstCompletedAfter(off),
				(quiet != null) ? toSeconds(quiet.to() - quiet.from()) : null,
				(quiet != null) ? secondsAt(quiet.from()) : null);
	}

	/**
	 * The longest of the stretches from the start to the first outcome, from one outcome
	 * to the next, and from the last one to the end. The end is the last post when that
	 * came later, so that a system that stopped completing for good still shows the
	 * stretch up to the end of the load.
	 * @return null when nothing was posted and nothing completed
	 */
	private Quiet longestWithoutCompletion() {
		long[] finished = this.completions.stream().mapToLong(Completion::finishedAt).sorted().toArray();
		long end = (finished.length > 0) ? Math.max(this.lastPostedNanos, finished[finished.length - 1])
				: this.lastPostedNanos;
		if (end == Long.MIN_VALUE) {
			return null;
		}
		Quiet longest = new Quiet(this.startNanos, this.startNanos);
		long from = this.startNanos;
		for (long at : finished) {
			longest = longest.orLonger(from, at);
			from = Math.max(from, at);
		}
		return longest.orLonger(from, end);
	}

	private Long firstMark(Kind kind, long notBefore) {
		return this.marks.stream()
			.filter((moment) -> moment.mark().kind() == kind && moment.nanos() >= notBefore)
			.map(Moment::nanos)
			.findFirst()
			.orElse(null);
	}

	/**
	 * Only sagas posted at or after the moment count: one posted before may have been
	 * past the part the fault stopped, and its outcome says nothing about new orders
	 * being served again.
	 */
	private Double firstCompletedAfter(Long moment) {
		if (moment == null) {
			return null;
		}
		OptionalLong first = this.completions.stream()
			.filter((completion) -> completion.postedAt() >= moment)
			.mapToLong(Completion::finishedAt)
			.min();
		return first.isPresent() ? toSeconds(first.getAsLong() - moment) : null;
	}

	/** To the hundredth, as the marks are. */
	private static double toSeconds(long nanos) {
		return Math.round(nanos / 1e7) / 100.0;
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

	private record Moment(long nanos, Mark mark) {

	}

	/** A stretch of time in which no saga completed. */
	private record Quiet(long from, long to) {

		Quiet orLonger(long from, long to) {
			return (to - from > this.to - this.from) ? new Quiet(from, to) : this;
		}

	}

	private record Completion(long postedAt, long finishedAt) {

		double millis() {
			return (this.finishedAt - this.postedAt) / 1e6;
		}

	}

	private static final class Bucket {

		private int posted;

		private int refused;

		private final List<Double> latencies = new ArrayList<>();

	}

}
