package com.example.orderflow.loadtest.chaos.report;

import java.util.List;
import java.util.Map;

import com.example.orderflow.loadtest.chaos.audit.Check;
import com.example.orderflow.loadtest.chaos.audit.DeadLetter;
import com.example.orderflow.loadtest.chaos.audit.SystemState.ServiceMetrics;
import com.example.orderflow.loadtest.chaos.report.Timeline.Mark;
import com.example.orderflow.loadtest.chaos.report.Timeline.Second;

/**
 * Everything a drill's report says; report.json is this record as it is.
 *
 * @param startedAt UTC, ISO 8601
 * @param settings the drill's knobs, as run
 * @param settledAfterSeconds from the end of the load until every order ended or was
 * parked and the outbox was drained; null when that did not happen in time
 */
public record DrillReport(String drill, String description, String verdict, String startedAt,
		Map<String, Object> settings, Load load, Double settledAfterSeconds, List<Mark> marks, List<Check> checks,
		List<DeadLetter> deadLetters, List<ServiceMetrics> metrics, List<Second> seconds) {

	/**
	 * @param refusals answers other than 202 by status ("no answer" when none came)
	 * @param completedSeen sagas whose outcome the drill saw on Kafka
	 */
	public record Load(int rate, long posted, long accepted, long refused, Map<String, Integer> refusals,
			long completedSeen, Double p50Millis, Double p99Millis, Double maxMillis) {

	}

}
