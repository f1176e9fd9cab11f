package com.example.orderflow.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.example.orderflow.loadtest.CostMeter.Reading;
import com.example.orderflow.loadtest.CostMeter.Sample;
import com.example.orderflow.loadtest.DatabaseStatistics.DatabaseCounters;

/**
 * The cost counts of a measured window, divided by the sagas completed in it, as the
 * benchmark prints them after the CPU. Like the CPU, the window also holds the last steps
 * of sagas posted during the warm-up: a small overestimate, the same in every run.
 */
final class CostReport {

	private CostReport() {
	}

	static List<String> lines(Sample before, Sample after, long completed) {
		if (completed == 0) {
			return List.of("Per completed saga: no cost counts, as no saga completed in the window");
		}
		Reading<Map<String, Long>> records = before.kafkaRecords()
			.until(after.kafkaRecords(), CostReport::perTopicDifference);
		Reading<DatabaseCounters> database = before.database().until(after.database(), DatabaseCounters::minus);
		List<String> counts = new ArrayList<>();
		if (records.value() != null) {
			counts.add(kafka(records.value(), completed));
		}
		if (database.value() != null) {
			DatabaseCounters work = database.value();
			counts.add(format("%.1f database commits, %.1f rows written, %.0f WAL records (%.1f KB), %.1f WAL syncs",
					(double) work.commits() / completed, (double) work.rowsWritten() / completed,
					(double) work.walRecords() / completed, work.walBytes() / 1024.0 / completed,
					(double) work.walSyncs() / completed));
		}
		List<String> lines = new ArrayList<>();
		if (!counts.isEmpty()) {
			lines.add("Per completed saga: " + String.join(", ", counts));
		}
		if (records.unavailable() != null) {
			lines.add("Kafka record counts unavailable: " + records.unavailable());
		}
		if (database.unavailable() != null) {
			lines.add("Database counts unavailable: " + database.unavailable());
		}
		return lines;
	}

	/**
	 * A topic created in the window counts from zero; one deleted in it is left out.
	 */
	static Map<String, Long> perTopicDifference(Map<String, Long> later, Map<String, Long> earlier) {
		Map<String, Long> written = new TreeMap<>();
		later.forEach((topic, offsets) -> written.put(topic, offsets - earlier.getOrDefault(topic, 0L)));
		return written;
	}

	/**
	 * Topics nobody wrote to in the window (dead letters, mostly) would only be noise.
	 */
	private static String kafka(Map<String, Long> written, long completed) {
		long total = written.values().stream().mapToLong(Long::longValue).sum();
		List<String> topics = written.entrySet()
			.stream()
			.filter((topic) -> topic.getValue() != 0)
			.map((topic) -> format("%s %.1f", topic.getKey(), (double) topic.getValue() / completed))
			.toList();
		return format("%.1f Kafka records", (double) total / completed)
				+ (topics.isEmpty() ? "" : " (" + String.join(", ", topics) + ")");
	}

	/**
	 * Decimal points whatever the machine's locale, so the lines parse alike everywhere.
	 */
	private static String format(String format, Object... args) {
		return String.format(Locale.ROOT, format, args);
	}

}
