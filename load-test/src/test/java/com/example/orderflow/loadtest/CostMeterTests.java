package com.example.orderflow.loadtest;

import java.net.ConnectException;
import java.util.concurrent.ExecutionException;

import com.example.orderflow.loadtest.CostMeter.Reading;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CostMeterTests {

	@Test
	void givesWhyInsteadOfCountsWhenNeitherSourceAnswers() {
		try (CostMeter meter = CostMeter.fromEnvironment("127.0.0.1:1", "jdbc:postgresql://127.0.0.1:1/orders")) {
			CostMeter.Sample sample = meter.sample();

			assertThat(sample.kafkaRecords().value()).isNull();
			assertThat(sample.kafkaRecords().unavailable()).isNotBlank();
			assertThat(sample.database().value()).isNull();
			assertThat(sample.database().unavailable()).isNotBlank();
		}
	}

	@Test
	void tellsTheCauseOfAFailedCallOnOneLine() {
		ExecutionException failed = new ExecutionException(
				new ConnectException("Connection refused\n  to 127.0.0.1:1"));

		assertThat(CostMeter.why(failed)).isEqualTo("Connection refused to 127.0.0.1:1");
		assertThat(CostMeter.why(new java.util.concurrent.TimeoutException())).isEqualTo("TimeoutException");
	}

	@Test
	void subtractsReadingsOnlyWhenBothHaveAValue() {
		Reading<Long> before = Reading.of(10L);

		assertThat(before.until(Reading.of(25L), (later, earlier) -> later - earlier)).isEqualTo(Reading.of(15L));
		assertThat(before.until(Reading.unavailable("gone"), (later, earlier) -> later - earlier).unavailable())
			.isEqualTo("gone");
		assertThat(Reading.<Long>unavailable("never there")
			.until(Reading.of(25L), (later, earlier) -> later - earlier)
			.unavailable()).isEqualTo("never there");
		assertThatIllegalArgumentException().isThrownBy(() -> new Reading<>(1L, "both"));
	}

}
