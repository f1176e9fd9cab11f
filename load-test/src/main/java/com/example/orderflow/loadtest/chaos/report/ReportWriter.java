package com.example.orderflow.loadtest.chaos.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.example.orderflow.loadtest.chaos.audit.Check;
import com.example.orderflow.loadtest.chaos.audit.DeadLetter;
import com.example.orderflow.loadtest.chaos.report.DrillReport.Load;
import com.example.orderflow.loadtest.chaos.report.DrillReport.Recovery;
import com.example.orderflow.loadtest.chaos.report.Timeline.Kind;
import com.example.orderflow.loadtest.chaos.report.Timeline.Mark;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a drill's report three times over: report.md to read in a terminal or a pull
 * request, report.json for tools and tests, report.html with the chart.
 */
public final class ReportWriter {

	private static final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private ReportWriter() {
	}

	/**
	 * @return the folder, now holding report.md, report.json and report.html
	 */
	public static Path write(DrillReport report, Path folder) throws IOException {
		Files.createDirectories(folder);
		Files.writeString(folder.resolve("report.json"), json.writeValueAsString(report));
		Files.writeString(folder.resolve("report.md"), markdown(report));
		Files.writeString(folder.resolve("report.html"), html(report));
		return folder;
	}

	static String markdown(DrillReport report) {
		StringBuilder md = new StringBuilder();
		md.append("# Chaos drill `").append(report.drill()).append("`: ").append(report.verdict()).append("\n\n");
		md.append(sentence(report.description())).append(". Started ").append(report.startedAt()).append(".\n\n");
		md.append("## Timeline\n\n| s | | what |\n|---:|---|---|\n");
		for (Mark mark : report.marks()) {
			md.append(f("| %.1f | %s | %s |%n", mark.at(), kind(mark), cell(mark.label())));
		}
		md.append("\n").append(settled(report)).append("\n\n## Recovery\n\n| | s |\n|---|---:|\n");
		for (Figure figure : recovery(report)) {
			md.append("| ").append(figure.what()).append(" | ").append(figure.shown("")).append(" |\n");
		}
		md.append("\n## Load\n\n");
		md.append(loadSummary(report.load()))
			.append("\n\nThe chart (orders/s, refusals, latency per second) is in ")
			.append("[report.html](report.html); every second's figures are in report.json.\n\n");
		md.append("## Invariants\n\n| Invariant | Result | Figure |\n|---|---|---|\n");
		for (Check check : report.checks()) {
			md.append("| ")
				.append(cell(check.name()))
				.append(" | **")
				.append(check.result())
				.append("** | ")
				.append(cell(check.figure()))
				.append(" |\n");
		}
		for (Check check : report.checks()) {
			if (!check.details().isEmpty()) {
				md.append("\n### ").append(check.name()).append(" (").append(check.result()).append(")\n\n");
				check.details().forEach((line) -> md.append("- ").append(line).append('\n'));
			}
		}
		md.append("\n## Dead letters\n\n");
		if (report.deadLetters().isEmpty()) {
			md.append("None was parked on a `.dlt` topic during the drill.\n");
		}
		for (DeadLetter letter : report.deadLetters()) {
			md.append(f("- `%s`: order %s, consumer %s, reason %s (%s)%n", letter.topic(), letter.orderId(),
					letter.consumerGroup(), letter.reason(), letter.exception()));
		}
		md.append("\n## Settings\n\n");
		report.settings()
			.forEach((name, value) -> md.append("- ").append(name).append(": ").append(value).append('\n'));
		return md.toString();
	}

	static String html(DrillReport report) {
		StringBuilder html = new StringBuilder();
		String title = "Chaos drill " + report.drill() + ": " + report.verdict();
		html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
			.append(escape(title))
			.append("</title>\n<style>\n")
			.append("body{font-family:sans-serif;margin:2em;max-width:1000px;color:#212121}")
			.append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ddd;padding:4px 8px;")
			.append("text-align:left;vertical-align:top}.PASS{color:#2e7d32;font-weight:bold}")
			.append(".FAIL{color:#c62828;font-weight:bold}.FAULT_ON{color:#c62828}.FAULT_OFF{color:#2e7d32}")
			.append(".NOTE{color:#757575}small{color:#616161}\n</style>\n</head>\n<body>\n");
		html.append("<h1>Chaos drill <code>")
			.append(escape(report.drill()))
			.append("</code>: <span class=\"")
			.append(report.verdict())
			.append("\">")
			.append(report.verdict())
			.append("</span></h1>\n<p>")
			.append(escape(sentence(report.description())))
			.append(". Started ")
			.append(escape(report.startedAt()))
			.append(".</p>\n<p>")
			.append(escape(loadSummary(report.load())))
			.append(" ")
			.append(escape(settled(report)))
			.append("</p>\n");
		html.append(SvgChart.render(report.seconds(), report.marks()));
		html.append("<table>\n<tr><th>#</th><th>s</th><th></th><th>what</th></tr>\n");
		int number = 1;
		for (Mark mark : report.marks()) {
			html.append(f("<tr class=\"%s\"><td>%d</td><td>%.1f</td><td>%s</td><td>%s</td></tr>%n", mark.kind(),
					number++, mark.at(), kind(mark), escape(mark.label())));
		}
		html.append("</table>\n<h2>Recovery</h2>\n<table>\n");
		for (Figure figure : recovery(report)) {
			html.append("<tr><td>")
				.append(escape(figure.what()))
				.append("</td><td>")
				.append(escape(figure.shown(" s")))
				.append("</td></tr>\n");
		}
		html.append(
				"</table>\n<h2>Invariants</h2>\n<table>\n<tr><th>Invariant</th><th>Result</th><th>Figure</th></tr>\n");
		for (Check check : report.checks()) {
			html.append("<tr><td>")
				.append(escape(check.name()))
				.append("</td><td class=\"")
				.append(check.result())
				.append("\">")
				.append(check.result())
				.append("</td><td>")
				.append(escape(check.figure()));
			for (String line : check.details()) {
				html.append("<br><small>").append(escape(line)).append("</small>");
			}
			html.append("</td></tr>\n");
		}
		html.append("</table>\n<h2>Dead letters</h2>\n<p>");
		html.append(report.deadLetters().isEmpty() ? "None was parked on a .dlt topic during the drill."
				: report.deadLetters().size() + " parked during the drill: see report.json.");
		html.append("</p>\n<h2>Settings</h2>\n<table>\n");
		for (Map.Entry<String, Object> setting : report.settings().entrySet()) {
			html.append("<tr><td>")
				.append(escape(setting.getKey()))
				.append("</td><td>")
				.append(escape(String.valueOf(setting.getValue())))
				.append("</td></tr>\n");
		}
		html.append("</table>\n</body>\n</html>\n");
		return html.toString();
	}

	/** The recovery figures as the console shows them, worded as in report.md. */
	public static List<String> recoveryLines(DrillReport report) {
		return recovery(report).stream().map((figure) -> figure.what() + ": " + figure.shown(" s")).toList();
	}

	private static List<Figure> recovery(DrillReport report) {
		Recovery recovery = report.recovery();
		String nothingRestarted = "n/a: nothing was restarted";
		String neverOn = marked(report, Kind.FAULT_ON) ? "never" : "n/a: the fault never went on";
		String neverOff = marked(report, Kind.FAULT_OFF) ? "never" : "n/a: the fault never went off";
		String quiet = (recovery.longestWithoutCompletionFrom() != null)
				? f(" (from %.1f s)", recovery.longestWithoutCompletionFrom()) : "";
		return List.of(
				new Figure("from healing started until what the fault stopped was ready again",
						recovery.readyAfterHealingSeconds(), nothingRestarted),
				new Figure("from the fault going on until what it stopped was ready again",
						recovery.readyAfterFaultOnSeconds(), nothingRestarted),
				new Figure("from the fault going on until the first saga posted after it completed",
						recovery.firstCompletedAfterFaultOnSeconds(), neverOn),
				new Figure("from the fault going off until the first saga posted after it completed",
						recovery.firstCompletedAfterFaultOffSeconds(), neverOff),
				new Figure("longest stretch without any saga completing" + quiet,
						recovery.longestWithoutCompletionSeconds(), "n/a: nothing was posted"));
	}

	private static boolean marked(DrillReport report, Kind kind) {
		return report.marks().stream().anyMatch((mark) -> mark.kind() == kind);
	}

	private static String loadSummary(Load load) {
		return f(
				"%d orders posted at %d/s: %d accepted, %d refused%s; %d outcomes seen on Kafka, latency POST to "
						+ "outcome p50 %s, p99 %s, max %s.",
				load.posted(), load.rate(), load.accepted(), load.refused(),
				load.refusals().isEmpty() ? "" : " " + load.refusals(), load.completedSeen(), millis(load.p50Millis()),
				millis(load.p99Millis()), millis(load.maxMillis()));
	}

	private static String settled(DrillReport report) {
		return (report.settledAfterSeconds() != null)
				? f("The system settled %.1f s after the load ended.", report.settledAfterSeconds())
				: "The system did NOT settle in the time allowed.";
	}

	private static String sentence(String text) {
		return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	private static String kind(Mark mark) {
		return switch (mark.kind()) {
			case FAULT_ON -> "fault on";
			case FAULT_OFF -> "fault off";
			case NOTE -> "";
		};
	}

	private static String millis(Double millis) {
		return (millis != null) ? f("%.0f ms", millis) : "n/a";
	}

	private static String cell(String text) {
		return text.replace("|", "\\|").replace("\n", " ");
	}

	private static String escape(String text) {
		return SvgChart.escape(text);
	}

	private static String f(String format, Object... args) {
		return String.format(Locale.ROOT, format, args);
	}

	/**
	 * @param seconds null when what it measures to never happened
	 * @param otherwise what to say then
	 */
	private record Figure(String what, Double seconds, String otherwise) {

		String shown(String unit) {
			return (this.seconds != null) ? f("%.1f", this.seconds) + unit : this.otherwise;
		}

	}

}
