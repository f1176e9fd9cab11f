package com.example.orderflow.orchestrator.placeorder;

import java.time.Duration;
import java.util.stream.IntStream;

import com.example.orderflow.orchestrator.placeorder.SagaProperties.StepRetry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SagaPropertiesTests {

	@Test
	void growsTheBackoffByTheMultiplierUpToTheMaximum() {
		StepRetry retry = new StepRetry(10, Duration.ofSeconds(1), 2, Duration.ofSeconds(30), 0);

		assertThat(IntStream.rangeClosed(1, 7).mapToObj((failed) -> retry.backoff(failed, 0.3))).containsExactly(
				Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
				Duration.ofSeconds(16), Duration.ofSeconds(30), Duration.ofSeconds(30));
	}

	@Test
	void spreadsEachBackoffByTheJitterEitherWayButNeverBeyondTheMaximum() {
		StepRetry retry = SagaFixtures.stepRetry();

		assertThat(retry.backoff(1, 0)).isEqualTo(Duration.ofMillis(750));
		assertThat(retry.backoff(1, 0.5)).isEqualTo(Duration.ofSeconds(1));
		assertThat(retry.backoff(1, 0.999_999)).isEqualTo(Duration.ofMillis(1250));
		assertThat(retry.backoff(3, 0)).isEqualTo(Duration.ofSeconds(3));
		assertThat(retry.backoff(6, 0)).isEqualTo(Duration.ofMillis(22_500));
		assertThat(retry.backoff(6, 0.999_999)).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void rejectsRetrySettingsThatCannotWork() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StepRetry(0, Duration.ofSeconds(1), 2, Duration.ofSeconds(30), 0.25));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StepRetry(4, Duration.ofSeconds(1), 0.5, Duration.ofSeconds(30), 0.25));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StepRetry(4, Duration.ofSeconds(1), 2, Duration.ofSeconds(30), 1));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StepRetry(4, Duration.ofMinutes(1), 2, Duration.ofSeconds(30), 0.25));
	}

}
