package com.example.orderflow.loadtest.chaos.audit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusTextTests {

	private static final String EXPOSITION = """
			# HELP messaging_dead_letters_total Records parked on a dead-letter topic
			# TYPE messaging_dead_letters_total counter
			messaging_dead_letters_total{reason="permanent",topic="payment.commands.dlt"} 2.0
			messaging_dead_letters_total{reason="retries exhausted, then parked",topic="payment.commands.dlt"} 1.0
			messaging_dead_letters_total_created{reason="permanent"} 1.7E9
			outbox_backlog NaN
			outbox_backlog_other 5.0
			""";

	@Test
	void addsUpEverySeriesOfOneMetricWhateverTheirLabels() {
		assertThat(PrometheusText.sum(EXPOSITION, "messaging_dead_letters_total")).isEqualTo(3.0);
	}

	@Test
	void readsAMetricWithoutSeriesAsZeroAndAnUnreadGaugeAsNaN() {
		assertThat(PrometheusText.sum(EXPOSITION, "orchestrator_sagas_parked")).isZero();
		assertThat(PrometheusText.sum(EXPOSITION, "outbox_backlog")).isNaN();
	}

}
