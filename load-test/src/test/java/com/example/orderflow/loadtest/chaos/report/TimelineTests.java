package com.example.orderflow.loadtest.chaos.report;

import java.util.List;

import com.example.orderflow.loadtest.chaos.report.Timeline.Second;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineTests {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void countsPostsAndRefusalsByTheSecondPostedAndOutcomesByTheSecondSeen() {
		Timeline timeline = new Timeline(0);
		timeline.posted(SECOND / 2);
		timeline.posted(SECOND / 2 + 1);
		timeline.refused(SECOND / 2 + 1);
		timeline.completed(SECOND / 2, 2 * SECOND + 100_000_000L);

		List<Second> seconds = timeline.seconds();

		assertThat(seconds).hasSize(3);
		assertThat(seconds.get(0)).isEqualTo(new Second(0, 2, 1, 0, null, null));
		assertThat(seconds.get(0).refusedPercent()).isEqualTo(50.0);
		assertThat(seconds.get(1)).isEqualTo(new Second(1, 0, 0, 0, null, null));
		assertThat(seconds.get(1).refusedPercent()).isNull();
		assertThat(seconds.get(2)).isEqualTo(new Second(2, 0, 0, 1, 1600.0, 1600.0));
	}

	@Test
	void takesPercentilesByNearestRankOverTheWholeRun() {
		Timeline timeline = new Timeline(0);
		for (int millis = 1; millis <= 100; millis++) {
			timeline.completed(0, millis * 1_000_000L);
		}

		assertThat(timeline.latencyMillisAt(50)).isEqualTo(50.0);
		assertThat(timeline.latencyMillisAt(99)).isEqualTo(99.0);
		assertThat(timeline.latencyMillisAt(100)).isEqualTo(100.0);
		assertThat(new Timeline(0).latencyMillisAt(50)).isNull();
	}

}
