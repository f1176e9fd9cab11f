package com.example.orderflow.loadtest;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import picocli.CommandLine;

/**
 * Offers orders through the gateway, at a fixed rate (open loop: latency includes any
 * queueing) or at saturation (closed loop: a fixed number of sagas in flight), then
 * prints completed sagas per second, end-to-end latency from POST to the order's outcome,
 * CPU milliseconds per completed saga for every process of the stack, and a cost model's
 * counts per completed saga: Kafka records, database commits, rows written and WAL syncs.
 */
public final class Bench {

	private final BenchSettings settings;

	private final Shop shop;

	private final SagaTracker tracker = new SagaTracker();

	private final AtomicLong refused = new AtomicLong();

	private Bench(BenchSettings settings) {
		this.settings = settings;
		this.shop = new Shop(settings.gateway(), ToolsToken.fromEnvironment(settings.issuer()));
	}

	public static void main(String[] args) throws Exception {
		CommandLine commandLine = BenchSettings.commandLine();
		BenchSettings settings;
		try {
			settings = BenchSettings.parse(commandLine, args);
		}
		catch (CommandLine.ParameterException | IllegalArgumentException ex) {
			// a mistake on the command line: say what, and how to call it, not a stack
			// trace
			System.err.println(ex.getMessage());
			commandLine.usage(System.err);
			System.exit(2);
			return;
		}
		if (commandLine.isUsageHelpRequested()) {
			commandLine.usage(System.out);
			System.exit(0);
		}
		new Bench(settings).run();
		System.exit(0);
	}

	private void run() throws Exception {
		BenchSettings s = this.settings;
		this.shop.prepare();
		CpuMeter cpu = new CpuMeter(s.pidFiles(), s.includePostgres());
		try (CompletionWatcher watcher = new CompletionWatcher(s.kafka(), this.tracker);
				CostMeter costs = CostMeter.fromEnvironment(s.kafka(), s.postgresUrl())) {
			print("Benchmark through %s: %s, warm-up %ds, measured %ds%n", s.gateway(), s.saturation()
					? "saturation with " + s.concurrency() + " sagas in flight" : s.rate() + " orders/s offered",
					s.warmup().toSeconds(), s.duration().toSeconds());
			Semaphore inFlight = new Semaphore(s.saturation() ? s.concurrency() : 20_000);
			this.tracker.onFinished((orderId) -> inFlight.release());

			drive(s.warmup(), inFlight);
			// next to the CPU samples, but outside the timed window: reading them takes
			// a few milliseconds, and seconds when a source does not answer
			CostMeter.Sample costsBefore = costs.sample();
			long measuredFrom = System.nanoTime();
			this.tracker.startMeasuring(measuredFrom);
			Map<String, Long> cpuBefore = cpu.sample();
			long posted = drive(s.duration(), inFlight);
			long drivenUntil = System.nanoTime();
			long expected = posted - this.refused.get();
			long waitUntil = drivenUntil + s.drain().toNanos();
			while (this.tracker.latencies().count() < expected && System.nanoTime() < waitUntil) {
				Thread.sleep(20);
			}
			long finishedAt = System.nanoTime();
			Map<String, Long> cpuAfter = cpu.sample();
			CostMeter.Sample costsAfter = costs.sample();
			report(posted, measuredFrom, finishedAt, cpuBefore, cpuAfter, costsBefore, costsAfter);
		}
	}

	/**
	 * @return how many orders were posted
	 */
	private long drive(Duration duration, Semaphore inFlight) throws InterruptedException {
		long end = System.nanoTime() + duration.toNanos();
		long interval = this.settings.saturation() ? 0 : 1_000_000_000L / this.settings.rate();
		long next = System.nanoTime();
		long posted = 0;
		this.refused.set(0);
		while (System.nanoTime() < end) {
			if (!this.settings.saturation()) {
				long wait = next - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(wait);
				}
				next += interval;
			}
			if (!inFlight.tryAcquire(Math.max(1, end - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS)) {
				break;
			}
			long postedAt = System.nanoTime();
			posted++;
			this.shop.placeOrder().thenAccept((orderId) -> {
				if (orderId == null) {
					this.refused.incrementAndGet();
					inFlight.release();
				}
				else {
					this.tracker.posted(orderId, postedAt);
				}
			});
		}
		return posted;
	}

	private void report(long posted, long from, long to, Map<String, Long> cpuBefore, Map<String, Long> cpuAfter,
			CostMeter.Sample costsBefore, CostMeter.Sample costsAfter) {
		Latencies latencies = this.tracker.latencies();
		int completed = latencies.count();
		double seconds = (to - from) / 1e9;
		print("%nOrders posted %d, refused %d, completed %d (approved %d, rejected %d), unfinished %d%n", posted,
				this.refused.get(), completed, this.tracker.approved(), this.tracker.rejected(),
				Math.max(0, posted - this.refused.get() - completed));
		print("Completed sagas per second: %.1f (over %.1fs)%n", completed / seconds, seconds);
		print("End-to-end latency, POST to outcome: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms%n",
				latencies.millisAt(50), latencies.millisAt(95), latencies.millisAt(99), latencies.millisAt(100));
		long total = 0;
		StringBuilder parts = new StringBuilder();
		for (Map.Entry<String, Long> entry : cpuAfter.entrySet()) {
			long used = entry.getValue() - cpuBefore.getOrDefault(entry.getKey(), 0L);
			total += used;
			parts.append(String.format("  %-18s %8.2f ms/saga%n", entry.getKey(),
					(completed > 0) ? (double) used / completed : Double.NaN));
		}
		print("CPU per completed saga: %.2f ms in total (%.0f%% of %d cores over the window)%n%s",
				(completed > 0) ? (double) total / completed : Double.NaN,
				100.0 * total / (seconds * 1000) / Runtime.getRuntime().availableProcessors(),
				Runtime.getRuntime().availableProcessors(), parts);
		CostReport.lines(costsBefore, costsAfter, completed).forEach((line) -> print("%s%n", line));
	}

	@SuppressWarnings("java:S106")
	private static void print(String format, Object... args) {
		System.out.printf(format, args);
	}

}
