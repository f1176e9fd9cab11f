package com.example.orderflow.loadtest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatenciesTests {

	@Test
	void reportsNearestRankPercentilesInMilliseconds() {
		Latencies latencies = new Latencies();
		for (int i = 1; i <= 2000; i++) {
			latencies.add(i * 1_000_000L);
		}
		assertThat(latencies.millisAt(50)).isEqualTo(1000.0);
		assertThat(latencies.millisAt(95)).isEqualTo(1900.0);
		assertThat(latencies.millisAt(99)).isEqualTo(1980.0);
		assertThat(latencies.millisAt(100)).isEqualTo(2000.0);
	}

	@Test
	void hasNoPercentileWithoutSamples() {
		assertThat(new Latencies().millisAt(50)).isNaN();
	}

}
