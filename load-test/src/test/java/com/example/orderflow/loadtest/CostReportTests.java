package com.example.orderflow.loadtest;

import java.util.Map;

import com.example.orderflow.loadtest.CostMeter.Reading;
import com.example.orderflow.loadtest.CostMeter.Sample;
import com.example.orderflow.loadtest.DatabaseStatistics.DatabaseCounters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CostReportTests {

	private static final Sample BEFORE = new Sample(
			Reading.of(Map.of("order.events", 100L, "inventory.commands", 50L, "order.events.dlt", 3L)),
			Reading.of(new DatabaseCounters(100, 1_000, 20_000, 3_000_000, 50)));

	private static final Sample AFTER = new Sample(Reading
		.of(Map.of("order.events", 120L, "inventory.commands", 60L, "order.events.dlt", 3L, "payment.commands", 10L)),
			Reading.of(new DatabaseCounters(171, 1_253, 21_735, 3_204_800, 112)));

	@Test
	void dividesWhatTheWindowAddedByTheCompletedSagas() {
		assertThat(CostReport.lines(BEFORE, AFTER, 10)).containsExactly(
				"Per completed saga: 4.0 Kafka records (inventory.commands 1.0, order.events 2.0, payment.commands 1.0), "
						+ "7.1 database commits, 25.3 rows written, 174 WAL records (20.0 KB), 6.2 WAL syncs");
	}

	@Test
	void countsATopicCreatedInTheWindowFromZeroAndLeavesOutADeletedOne() {
		Map<String, Long> written = CostReport.perTopicDifference(Map.of("new", 7L, "kept", 9L),
				Map.of("kept", 4L, "deleted", 30L));

		assertThat(written).containsExactly(Map.entry("kept", 5L), Map.entry("new", 7L));
	}

	@Test
	void saysWhyASourceIsUnavailableAndStillPrintsTheOther() {
		Sample kafkaGone = new Sample(Reading.unavailable("Timed out waiting for a node assignment"), AFTER.database());

		assertThat(CostReport.lines(BEFORE, kafkaGone, 10)).containsExactly(
				"Per completed saga: 7.1 database commits, 25.3 rows written, 174 WAL records (20.0 KB), 6.2 WAL syncs",
				"Kafka record counts unavailable: Timed out waiting for a node assignment");
	}

	@Test
	void printsOneLinePerUnavailableSourceAndNoCounts() {
		Sample nothing = new Sample(Reading.unavailable("no broker"), Reading.unavailable("DB_PASSWORD is not set"));

		assertThat(CostReport.lines(nothing, AFTER, 10)).containsExactly("Kafka record counts unavailable: no broker",
				"Database counts unavailable: DB_PASSWORD is not set");
	}

	@Test
	void printsTheTotalAloneWhenNoTopicWasWrittenTo() {
		Sample idle = new Sample(BEFORE.kafkaRecords(), BEFORE.database());

		assertThat(CostReport.lines(BEFORE, idle, 4)).containsExactly(
				"Per completed saga: 0.0 Kafka records, 0.0 database commits, 0.0 rows written, 0 WAL records (0.0 KB), "
						+ "0.0 WAL syncs");
	}

	@Test
	void hasNoCountsPerSagaWithoutCompletedSagas() {
		assertThat(CostReport.lines(BEFORE, AFTER, 0))
			.containsExactly("Per completed saga: no cost counts, as no saga completed in the window");
	}

}
