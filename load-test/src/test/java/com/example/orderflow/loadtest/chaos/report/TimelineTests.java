package com.example.orderflow.loadtest.chaos.report;

import java.util.List;

import com.example.orderflow.loadtest.chaos.report.DrillReport.Recovery;
import com.example.orderflow.loadtest.chaos.report.Timeline.Kind;
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

	@Test
	void measuresReadinessFromHealingAndFromTheFaultGoingOn() {
		Timeline timeline = new Timeline(0);
		timeline.mark(2 * SECOND, Kind.FAULT_ON, "kill -9 payment-service");
		timeline.mark(12 * SECOND, Kind.NOTE, "./stack up restarts payment-service");
		timeline.ready(12 * SECOND, 15 * SECOND + SECOND / 2);
		timeline.mark(15 * SECOND + SECOND / 2, Kind.FAULT_OFF, "payment-service ready again");

		Recovery recovery = timeline.recovery();

		assertThat(recovery.readyAfterHealingSeconds()).isEqualTo(3.5);
		assertThat(recovery.readyAfterFaultOnSeconds()).isEqualTo(13.5);
	}

	@Test
	void timesTheFirstOutcomeOfASagaPostedAfterTheFaultWentOnAndAfterItWentOff() {
		Timeline timeline = new Timeline(0);
		timeline.mark(2 * SECOND, Kind.FAULT_ON, "kill -9 payment-service");
		timeline.mark(15 * SECOND + SECOND / 2, Kind.FAULT_OFF, "payment-service ready again");
		// posted before the fault: its outcome during the fault proves nothing
		timeline.completed(SECOND, 3 * SECOND);
		timeline.completed(2 * SECOND + SECOND / 2, 17 * SECOND);
		// posted after both moments, and the first of either's sagas to complete
		timeline.completed(16 * SECOND, 16 * SECOND + 400_000_000L);

		Recovery recovery = timeline.recovery();

		assertThat(recovery.firstCompletedAfterFaultOnSeconds()).isEqualTo(14.4);
		assertThat(recovery.firstCompletedAfterFaultOffSeconds()).isEqualTo(0.9);
	}

	@Test
	void findsTheLongestStretchWithoutAnOutcomeBetweenTheStartAndTheLastPost() {
		Timeline timeline = new Timeline(0);
		timeline.posted(0);
		timeline.completed(0, SECOND / 2);
		timeline.completed(SECOND, 3 * SECOND);
		timeline.completed(15 * SECOND, 16 * SECOND + 400_000_000L);
		timeline.completed(16 * SECOND, 17 * SECOND);
		timeline.posted(20 * SECOND);

		Recovery recovery = timeline.recovery();

		assertThat(recovery.longestWithoutCompletionSeconds()).isEqualTo(13.4);
		assertThat(recovery.longestWithoutCompletionFrom()).isEqualTo(3.0);
	}

	@Test
	void countsTheStretchUpToTheLastPostWhenNothingCompletedAgain() {
		Timeline timeline = new Timeline(0);
		timeline.posted(0);
		timeline.completed(0, SECOND);
		timeline.mark(5 * SECOND, Kind.FAULT_ON, "SIGSTOP inventory-service");
		timeline.posted(30 * SECOND);

		Recovery recovery = timeline.recovery();

		assertThat(recovery.longestWithoutCompletionSeconds()).isEqualTo(29.0);
		assertThat(recovery.longestWithoutCompletionFrom()).isEqualTo(1.0);
		assertThat(recovery.firstCompletedAfterFaultOnSeconds()).isNull();
	}

	@Test
	void leavesTheFiguresNullWhenWhatTheyWaitForNeverHappened() {
		Timeline timeline = new Timeline(0);
		timeline.posted(SECOND);
		timeline.mark(2 * SECOND, Kind.FAULT_ON, "SIGSTOP inventory-service");
		timeline.completed(SECOND, 4 * SECOND);

		Recovery recovery = timeline.recovery();

		assertThat(recovery.readyAfterHealingSeconds()).as("a pause restarts nothing").isNull();
		assertThat(recovery.readyAfterFaultOnSeconds()).isNull();
		assertThat(recovery.firstCompletedAfterFaultOnSeconds()).as("only a saga posted before completed").isNull();
		assertThat(recovery.firstCompletedAfterFaultOffSeconds()).as("the fault never went off").isNull();
		assertThat(recovery.longestWithoutCompletionSeconds()).isEqualTo(4.0);
		assertThat(new Timeline(0).recovery()).isEqualTo(new Recovery(null, null, null, null, null, null));
	}

	@Test
	void measuresReadinessAfterHealingEvenWhenTheFaultNeverMarkedItsStart() {
		Timeline timeline = new Timeline(0);
		timeline.ready(SECOND, 3 * SECOND);
		timeline.ready(4 * SECOND, 9 * SECOND);

		Recovery recovery = timeline.recovery();

		assertThat(recovery.readyAfterHealingSeconds()).as("the first word counts").isEqualTo(2.0);
		assertThat(recovery.readyAfterFaultOnSeconds()).isNull();
	}

}
