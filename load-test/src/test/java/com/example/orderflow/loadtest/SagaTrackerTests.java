package com.example.orderflow.loadtest;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SagaTrackerTests {

	@Test
	void joinsPostAndOutcomeWhicheverArrivesFirst() {
		SagaTracker tracker = new SagaTracker();
		List<String> finished = new ArrayList<>();
		tracker.onFinished(finished::add);
		tracker.startMeasuring(0);

		tracker.posted("a", 100);
		tracker.finished("a", 400, true);
		tracker.finished("b", 900, false);
		tracker.posted("b", 200);

		assertThat(finished).containsExactly("a", "b");
		assertThat(tracker.latencies().count()).isEqualTo(2);
		assertThat(tracker.approved()).isEqualTo(1);
		assertThat(tracker.rejected()).isEqualTo(1);
		assertThat(tracker.inFlight()).isZero();
	}

	@Test
	void leavesSagasPostedBeforeTheWindowOutOfTheFigures() {
		SagaTracker tracker = new SagaTracker();
		tracker.posted("warm-up", 10);
		tracker.startMeasuring(50);
		tracker.finished("warm-up", 60, true);

		assertThat(tracker.latencies().count()).isZero();
	}

	@Test
	void tellsEveryCompletionWithBothMomentsMeasuredOrNot() {
		SagaTracker tracker = new SagaTracker();
		List<SagaTracker.Completion> completions = new ArrayList<>();
		tracker.onCompleted(completions::add);
		tracker.startMeasuring(50);

		tracker.posted("early", 10);
		tracker.finished("early", 70, false);
		tracker.finished("late", 300, true);
		tracker.posted("late", 100);

		assertThat(completions).containsExactly(new SagaTracker.Completion("early", 10, 70, false),
				new SagaTracker.Completion("late", 100, 300, true));
	}

}
