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
		Map<String, Object> settings, Load load, Double settledAfterSeconds, List<Mark> marks, Recovery recovery,
		List<Check> checks, List<DeadLetter> deadLetters, List<ServiceMetrics> metrics, List<Second> seconds) {

	/**
	 * @param refusals answers other than 202 by status ("no answer" when none came)
	 * @param completedSeen sagas whose outcome the drill saw on Kafka
	 */
	public record Load(int rate, long posted, long accepted, long refused, Map<String, Integer> refusals,
			long completedSeen, Double p50Millis, Double p99Millis, Double maxMillis) {

	}

	/**
	 * How soon the system came back from the fault, in seconds. The invariants say
	 * whether it recovered correctly; these say how fast, so that two runs of a drill can
	 * be compared. Each figure is null when what it waits for never happened.
	 *
	 * @param readyAfterHealingSeconds from the start of healing ({@code ./stack up}, the
	 * heal command) until what the fault stopped was ready again; null for a fault that
	 * restarts nothing (a pause, a cut network, assaults, the provider's answers)
	 * @param readyAfterFaultOnSeconds from the fault going on (the kill, the stop) until
	 * the same moment: how long that component was missing; null likewise
	 * @param firstCompletedAfterFaultOnSeconds from the fault going on until the first
	 * saga posted at or after that moment completed (its outcome seen on Kafka): how long
	 * new orders went without an outcome
	 * @param firstCompletedAfterFaultOffSeconds the same from the fault going off: how
	 * long the system took to serve new orders once the fault was over
	 * @param longestWithoutCompletionSeconds the longest stretch of the drill, from the
	 * start of the load until its last post or last outcome, in which no saga completed
	 * @param longestWithoutCompletionFrom when that stretch began, in seconds since the
	 * load started
	 */
	public record Recovery(Double readyAfterHealingSeconds, Double readyAfterFaultOnSeconds,
			Double firstCompletedAfterFaultOnSeconds, Double firstCompletedAfterFaultOffSeconds,
			Double longestWithoutCompletionSeconds, Double longestWithoutCompletionFrom) {

	}

}
