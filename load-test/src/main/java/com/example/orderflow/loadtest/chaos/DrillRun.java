package com.example.orderflow.loadtest.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.example.orderflow.loadtest.CompletionWatcher;
import com.example.orderflow.loadtest.SagaTracker;
import com.example.orderflow.loadtest.Shop;
import com.example.orderflow.loadtest.ToolsToken;
import com.example.orderflow.loadtest.chaos.audit.Audit;
import com.example.orderflow.loadtest.chaos.audit.Auditor;
import com.example.orderflow.loadtest.chaos.audit.Check;
import com.example.orderflow.loadtest.chaos.audit.DeadLetter;
import com.example.orderflow.loadtest.chaos.audit.DeadLetters;
import com.example.orderflow.loadtest.chaos.audit.HttpApi;
import com.example.orderflow.loadtest.chaos.audit.ProviderLedger;
import com.example.orderflow.loadtest.chaos.audit.StateReader;
import com.example.orderflow.loadtest.chaos.audit.SystemState;
import com.example.orderflow.loadtest.chaos.audit.SystemState.ServiceMetrics;
import com.example.orderflow.loadtest.chaos.fault.Drill;
import com.example.orderflow.loadtest.chaos.fault.Fault;
import com.example.orderflow.loadtest.chaos.fault.FaultTools;
import com.example.orderflow.loadtest.chaos.fault.Stack;
import com.example.orderflow.loadtest.chaos.report.DrillReport;
import com.example.orderflow.loadtest.chaos.report.ReportWriter;
import com.example.orderflow.loadtest.chaos.report.Timeline;
import com.example.orderflow.loadtest.chaos.report.Timeline.Kind;

/**
 * One drill from start to report: open the drill's accounts and products, start the load,
 * inject the fault at its time on a thread of its own and heal it, stop the load, let the
 * system settle, audit, write the report. The fault is healed on every way out, Ctrl-C
 * included.
 */
final class DrillRun {

	private static final DateTimeFormatter FOLDER_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private static final Duration SETTLE_POLL = Duration.ofSeconds(1);

	private final ChaosSettings settings;

	private final Drill drill;

	DrillRun(ChaosSettings settings) {
		this.settings = settings;
		this.drill = settings.drill();
	}

	/**
	 * @return 0 when every invariant held, 1 when one did not
	 */
	int run() throws Exception {
		ChaosSettings s = this.settings;
		Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Path folder = s.reports().toAbsolutePath().resolve(s.label() + "-" + FOLDER_STAMP.format(startedAt));
		ToolsToken token = ToolsToken.fromEnvironment(s.issuer());
		Fault fault = this.drill
			.fault(new FaultTools(new Stack(s.stackScript(), s.runFolder(), folder.resolve("commands.log")),
					s.paymentProvider(), s.kafka(), s.service(), s.endpoints(), s.postgresPort(), s.kafkaProxy(),
					s.kafkaProxied(), s.external(), token));
		HttpApi api = new HttpApi(Duration.ofSeconds(60), token);
		StateReader reader = new StateReader(api, s.endpoints());
		String runId = UUID.randomUUID().toString().substring(0, 8);
		DrillSetup setup = DrillSetup.create(runId);
		Shop shop = new Shop(s.gateway(), token);

		print("Chaos drill %s: %s.%n", s.label(), description());
		print("Load %d orders/s for %d s through %s; fault at %d s for %d s; then settle (at most %d s) and audit.%n",
				s.rate(), s.duration().toSeconds(), s.gateway(), s.faultAt().toSeconds(), s.faultFor().toSeconds(),
				s.settle().toSeconds());
		setup.open(shop);
		Thread healOnExit = new Thread(() -> {
			fault.heal();
			fault.restore();
		}, "chaos-heal");
		Runtime.getRuntime().addShutdownHook(healOnExit);
		fault.prepare();
		String providerMark = ProviderLedger.markStart(new HttpApi(Duration.ofSeconds(5), () -> null),
				s.paymentProvider(), runId);
		if (providerMark == null) {
			print("The payment provider's journal at %s cannot be read: its charges are not reconciled.%n",
					s.paymentProvider());
		}
		Map<String, Double> deadLettersBefore = deadLetterCounters(reader.metrics());
		DeadLetters deadLetters = DeadLetters.markNow(s.kafka());
		SagaTracker tracker = new SagaTracker();
		Timeline timeline = new Timeline(System.nanoTime());
		tracker.onCompleted((completion) -> timeline.completed(completion.postedAt(), completion.finishedAt()));
		LoadDriver load = new LoadDriver(shop, setup, tracker, timeline);
		AtomicReference<Exception> faultFailure = new AtomicReference<>();
		Double settledAfter;
		try (CompletionWatcher watcher = new CompletionWatcher(s.kafka(), tracker)) {
			timeline.mark(Kind.NOTE, "load starts");
			Thread faulting = Thread.ofPlatform()
				.name("chaos-fault")
				.start(() -> inject(fault, timeline, faultFailure));
			try {
				load.drive(s.rate(), s.duration());
				timeline.mark(Kind.NOTE, "load stops");
				long loadEnded = System.nanoTime();
				load.awaitAnswers(Duration.ofSeconds(35));
				faulting.join();
				settledAfter = settle(reader, setup, fault, timeline, loadEnded);
			}
			finally {
				faulting.interrupt();
				faulting.join(Duration.ofMinutes(11));
			}
		}
		finally {
			fault.heal();
			fault.restore();
			removeHook(healOnExit);
		}

		print("Auditing %d customers' orders, payments and reservations...%n", setup.allCustomers().size());
		SystemState state = reader.read(setup.allCustomers(), setup.startingStock().keySet());
		List<DeadLetter> letters = deadLetters.since();
		List<Check> moreChecks = new ArrayList<>();
		if (providerMark != null) {
			moreChecks.add(ProviderLedger.audit(api, s.paymentProvider(), providerMark, state));
		}
		moreChecks.add(fault.tookEffect());
		if (faultFailure.get() != null) {
			moreChecks.add(Check.of("fault: injected and healed without error", false, faultFailure.get().toString()));
		}
		Audit audit = Auditor
			.audit(new Auditor.Facts(setup.deposits(), setup.startingStock(), load.accepted(), deadLettersBefore),
					state, letters)
			.with(moreChecks);
		DrillReport report = new DrillReport(s.label(), description(), audit.verdict(), startedAt.toString(),
				s.described(),
				new DrillReport.Load(s.rate(), load.posted(), load.accepted().size(), load.refused(), load.refusals(),
						timeline.completed(), timeline.latencyMillisAt(50), timeline.latencyMillisAt(99),
						timeline.latencyMillisAt(100)),
				settledAfter, timeline.marks(), timeline.recovery(), audit.checks(), letters, state.metrics(),
				timeline.seconds());
		ReportWriter.write(report, folder);
		print("%nVerdict: %s%n", audit.verdict());
		for (Check check : audit.checks()) {
			print("  %s  %s: %s%n", check.result(), check.name(), check.figure());
		}
		print("Recovery:%n");
		ReportWriter.recoveryLines(report).forEach((line) -> print("  %s%n", line));
		print("Report: %s (and report.json, report.html)%n", folder.resolve("report.md"));
		return audit.passed() ? 0 : 1;
	}

	private String description() {
		return switch (this.drill) {
			case REPLAY, CUT_KAFKA -> this.drill.description() + " (" + this.settings.service() + ")";
			case EXTERNAL -> "injected by `" + this.settings.external().inject() + "`, healed by `"
					+ this.settings.external().heal() + "`";
			default -> this.drill.description();
		};
	}

	private void inject(Fault fault, Timeline timeline, AtomicReference<Exception> failure) {
		try {
			Thread.sleep(this.settings.faultAt().toMillis());
			fault.run(this.settings.faultFor(), timeline);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			failure.set(ex);
			timeline.mark(Kind.NOTE, "the fault failed: " + ex.getMessage());
		}
		finally {
			try {
				fault.heal();
			}
			catch (RuntimeException ex) {
				failure.compareAndSet(null, ex);
			}
		}
	}

	/**
	 * Until every order the drill's customers have is APPROVED, REJECTED or visibly
	 * parked, every outbox is drained and the fault's own condition holds.
	 * @return seconds from the end of the load, or null when that did not happen in time
	 */
	private Double settle(StateReader reader, DrillSetup setup, Fault fault, Timeline timeline, long loadEnded)
			throws InterruptedException {
		long giveUpAt = System.nanoTime() + this.settings.settle().toNanos();
		long saidAt = 0;
		while (true) {
			try {
				List<String> unsettled = reader.unsettled(setup.allCustomers());
				double backlog = reader.metrics().stream().mapToDouble(ServiceMetrics::outboxBacklog).sum();
				boolean caughtUp = fault.caughtUp();
				if (unsettled.isEmpty() && backlog == 0 && caughtUp) {
					timeline.mark(Kind.NOTE, "settled: every order ended or parked, outboxes drained");
					return (System.nanoTime() - loadEnded) / 1e9;
				}
				if (System.nanoTime() - saidAt > Duration.ofSeconds(10).toNanos()) {
					saidAt = System.nanoTime();
					print("Settling: %d orders pending, outbox backlog %s%s%n", unsettled.size(), backlog,
							caughtUp ? "" : ", replay still running");
				}
			}
			catch (RuntimeException ex) {
				print("Settling: %s%n", ex.getMessage());
			}
			if (System.nanoTime() > giveUpAt) {
				timeline.mark(Kind.NOTE, "gave up settling after " + this.settings.settle().toSeconds() + " s");
				return null;
			}
			Thread.sleep(SETTLE_POLL.toMillis());
		}
	}

	private static Map<String, Double> deadLetterCounters(List<ServiceMetrics> metrics) {
		Map<String, Double> counters = new HashMap<>();
		metrics.forEach((service) -> counters.put(service.service(), service.deadLetters()));
		return counters;
	}

	private static void removeHook(Thread hook) {
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException ex) {
			// shutting down already: the hook runs, and healing twice does nothing
		}
	}

	@SuppressWarnings("java:S106")
	static void print(String format, Object... args) {
		System.out.printf(format, args);
	}

}
