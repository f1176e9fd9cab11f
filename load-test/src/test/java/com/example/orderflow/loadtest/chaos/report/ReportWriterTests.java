package com.example.orderflow.loadtest.chaos.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.orderflow.loadtest.chaos.audit.Check;
import com.example.orderflow.loadtest.chaos.audit.DeadLetter;
import com.example.orderflow.loadtest.chaos.audit.SystemState.ServiceMetrics;
import com.example.orderflow.loadtest.chaos.report.DrillReport.Recovery;
import com.example.orderflow.loadtest.chaos.report.Timeline.Kind;
import com.example.orderflow.loadtest.chaos.report.Timeline.Mark;
import com.example.orderflow.loadtest.chaos.report.Timeline.Second;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWriterTests {

	@TempDir
	Path folder;

	@Test
	void writesMarkdownJsonAndHtmlWithEveryCheckAndItsFigure() throws Exception {
		ReportWriter.write(failedReport(), this.folder);

		String markdown = Files.readString(this.folder.resolve("report.md"));
		assertThat(markdown).startsWith("# Chaos drill `kill-payment`: FAIL")
			.contains("Kill -9 payment-service mid-saga")
			.contains("| 5.2 | fault on | kill -9 payment-service (pid 42) |")
			.contains("| stock conserved | **FAIL** | SKU-A: on hand 97 + approved 2 = 99 of 100 |")
			.contains("| money conserved | **PASS** | balances 7000 + net charges 3000 = 10000; deposited 10000 |")
			.contains("- SKU-A: on hand 97 | lost 1")
			.contains("`payment.commands.dlt`: order o-1, consumer payment-service, reason permanent")
			.contains("The system settled 12.5 s after the load ended.")
			.contains("4 orders posted at 2/s: 3 accepted, 1 refused {503=1}");

		JsonNode json = JsonMapper.builder().build().readTree(Files.readString(this.folder.resolve("report.json")));
		assertThat(json.path("verdict").stringValue()).isEqualTo("FAIL");
		assertThat(json.path("checks").size()).isEqualTo(2);
		assertThat(json.path("checks").get(1).path("passed").booleanValue()).isFalse();
		assertThat(json.path("seconds").size()).isEqualTo(3);
		assertThat(json.path("marks").get(0).path("kind").stringValue()).isEqualTo("FAULT_ON");
	}

	@Test
	void statesHowSoonTheSystemRecoveredRightAfterTheTimeline() throws Exception {
		ReportWriter.write(failedReport(), this.folder);

		String markdown = Files.readString(this.folder.resolve("report.md"));
		assertThat(markdown).contains("""
				## Recovery

				| | s |
				|---|---:|
				| from healing started until what the fault stopped was ready again | 2.7 |
				| from the fault going on until what it stopped was ready again | 12.8 |
				| from the fault going on until the first saga posted after it completed | 14.1 |
				| from the fault going off until the first saga posted after it completed | 1.2 |
				| longest stretch without any saga completing (from 4.9 s) | 13.6 |
				""");
		assertThat(markdown.indexOf("## Timeline")).isLessThan(markdown.indexOf("## Recovery"));
		assertThat(markdown.indexOf("## Recovery")).isLessThan(markdown.indexOf("## Load"));

		JsonNode recovery = JsonMapper.builder()
			.build()
			.readTree(Files.readString(this.folder.resolve("report.json")))
			.path("recovery");
		assertThat(recovery.path("readyAfterHealingSeconds").doubleValue()).isEqualTo(2.74);
		assertThat(recovery.path("readyAfterFaultOnSeconds").doubleValue()).isEqualTo(12.76);
		assertThat(recovery.path("firstCompletedAfterFaultOnSeconds").doubleValue()).isEqualTo(14.08);
		assertThat(recovery.path("firstCompletedAfterFaultOffSeconds").doubleValue()).isEqualTo(1.22);
		assertThat(recovery.path("longestWithoutCompletionSeconds").doubleValue()).isEqualTo(13.6);
		assertThat(recovery.path("longestWithoutCompletionFrom").doubleValue()).isEqualTo(4.9);

		assertThat(Files.readString(this.folder.resolve("report.html"))).contains("<h2>Recovery</h2>",
				"<tr><td>from the fault going off until the first saga posted after it completed</td><td>1.2 s</td></tr>");
		assertThat(ReportWriter.recoveryLines(failedReport())).containsExactly(
				"from healing started until what the fault stopped was ready again: 2.7 s",
				"from the fault going on until what it stopped was ready again: 12.8 s",
				"from the fault going on until the first saga posted after it completed: 14.1 s",
				"from the fault going off until the first saga posted after it completed: 1.2 s",
				"longest stretch without any saga completing (from 4.9 s): 13.6 s");
	}

	@Test
	void saysWhenNothingWasRestartedAndNoSagaCompletedAfterTheFault() throws Exception {
		DrillReport report = failedReport();
		DrillReport neverRestarted = with(report.marks(), new Recovery(null, null, null, null, 40.0, 3.0));
		DrillReport faultNeverRan = with(List.of(), new Recovery(null, null, null, null, null, null));

		assertThat(ReportWriter.markdown(neverRestarted)).contains(
				"| from healing started until what the fault stopped was ready again | n/a: nothing was restarted |")
			.contains("| from the fault going on until the first saga posted after it completed | never |")
			.contains("| from the fault going off until the first saga posted after it completed | never |")
			.contains("| longest stretch without any saga completing (from 3.0 s) | 40.0 |");
		assertThat(ReportWriter.recoveryLines(faultNeverRan)).containsExactly(
				"from healing started until what the fault stopped was ready again: n/a: nothing was restarted",
				"from the fault going on until what it stopped was ready again: n/a: nothing was restarted",
				"from the fault going on until the first saga posted after it completed: n/a: the fault never went on",
				"from the fault going off until the first saga posted after it completed: n/a: the fault never went off",
				"longest stretch without any saga completing: n/a: nothing was posted");

		ReportWriter.write(neverRestarted, this.folder);
		JsonNode recovery = JsonMapper.builder()
			.build()
			.readTree(Files.readString(this.folder.resolve("report.json")))
			.path("recovery");
		assertThat(recovery.path("readyAfterHealingSeconds").isNull()).isTrue();
		assertThat(recovery.path("firstCompletedAfterFaultOffSeconds").isNull()).isTrue();
	}

	@Test
	void drawsTheChartInlineWithTheFaultWindowAndEscapesWhatServicesSaid() throws Exception {
		ReportWriter.write(failedReport(), this.folder);

		String html = Files.readString(this.folder.resolve("report.html"));
		assertThat(html).contains("<svg xmlns=\"http://www.w3.org/2000/svg\"")
			.contains("fill=\"#fdecea\"")
			.contains("<polyline")
			.contains("<title>kill -9 payment-service (pid 42)</title>1")
			.contains("on hand 97 | lost 1 &lt;script&gt;")
			.doesNotContain("<script>");
		assertThat(html.indexOf("<svg")).isLessThan(html.indexOf("</svg>"));
	}

	@Test
	void saysWhenTheSystemDidNotSettle() {
		DrillReport report = failedReport();
		DrillReport unsettled = new DrillReport(report.drill(), report.description(), report.verdict(),
				report.startedAt(), report.settings(), report.load(), null, report.marks(), report.recovery(),
				report.checks(), List.of(), report.metrics(), List.of());

		assertThat(ReportWriter.markdown(unsettled)).contains("The system did NOT settle in the time allowed.")
			.contains("None was parked on a `.dlt` topic during the drill.");
		assertThat(SvgChart.render(List.of(), unsettled.marks())).contains("<svg").doesNotContain("NaN");
	}

	@Test
	void roundsChartScalesUpToOneTwoOrFiveTimesAPowerOfTen() {
		assertThat(SvgChart.niceCeiling(7)).isEqualTo(10);
		assertThat(SvgChart.niceCeiling(13)).isEqualTo(20);
		assertThat(SvgChart.niceCeiling(20)).isEqualTo(20);
		assertThat(SvgChart.niceCeiling(430)).isEqualTo(500);
	}

	private static DrillReport with(List<Mark> marks, Recovery recovery) {
		DrillReport report = failedReport();
		return new DrillReport(report.drill(), report.description(), report.verdict(), report.startedAt(),
				report.settings(), report.load(), report.settledAfterSeconds(), marks, recovery, report.checks(),
				report.deadLetters(), report.metrics(), report.seconds());
	}

	private static DrillReport failedReport() {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("rate", 2);
		return new DrillReport("kill-payment", "kill -9 payment-service mid-saga", "FAIL", "2026-01-01T10:00:00Z",
				settings, new DrillReport.Load(2, 4, 3, 1, Map.of("503", 1), 3, 900.0, 2100.0, 2100.0), 12.5,
				List.of(new Mark(5.2, Kind.FAULT_ON, "kill -9 payment-service (pid 42)"),
						new Mark(8.0, Kind.FAULT_OFF, "./stack up restarts payment-service")),
				new Recovery(2.74, 12.76, 14.08, 1.22, 13.6, 4.9),
				List.of(Check.of("money conserved", true, "balances 7000 + net charges 3000 = 10000; deposited 10000"),
						new Check("stock conserved", false, "SKU-A: on hand 97 + approved 2 = 99 of 100",
								List.of("SKU-A: on hand 97 | lost 1 <script>"))),
				List.of(new DeadLetter("payment.commands.dlt", "o-1", "permanent", "X", "payment.commands",
						"payment-service")),
				List.of(new ServiceMetrics("payment-service", 0, 1)), List.of(new Second(0, 2, 1, 0, null, null),
						new Second(1, 2, 0, 1, 900.0, 900.0), new Second(2, 0, 0, 2, 1500.0, 2100.0)));
	}

}
