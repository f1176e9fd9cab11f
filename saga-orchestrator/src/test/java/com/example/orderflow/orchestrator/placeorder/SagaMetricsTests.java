package com.example.orderflow.orchestrator.placeorder;

import java.time.Duration;
import java.util.List;

import com.example.orderflow.contracts.RejectionReason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Counting on commit only, without a database: the transaction's synchronizations are
 * driven by hand.
 */
class SagaMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final SagaMetrics metrics = new SagaMetrics(this.registry, SagaFixtures.properties(Duration.ofSeconds(10)));

	@AfterEach
	void endTransaction() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.clearSynchronization();
		}
	}

	@Test
	void countsAMoveOnlyOnceItsTransactionCommits() {
		TransactionSynchronizationManager.initSynchronization();
		this.metrics.countAfterCommit(new SagaTally(false, List.of(SagaState.REJECTING_ORDER), SagaState.REJECTED,
				RejectionReason.OUT_OF_STOCK, Duration.ofSeconds(2)));
		assertThat(finished("REJECTED", "OUT_OF_STOCK")).isZero();

		TransactionSynchronizationUtils.triggerAfterCommit();
		assertThat(finished("REJECTED", "OUT_OF_STOCK")).isEqualTo(1);
		assertThat(
				this.registry.get("orchestrator.sagas.compensations").tag("step", "REJECTING_ORDER").counter().count())
			.isEqualTo(1);
		assertThat(this.registry.get("orchestrator.saga.duration").tag("outcome", "REJECTED").timer().count())
			.isEqualTo(1);
		assertThat(this.registry.get("orchestrator.sagas.started").counter().count()).isZero();
	}

	@Test
	void countsNothingWhenTheTransactionRollsBack() {
		TransactionSynchronizationManager.initSynchronization();
		this.metrics.countAfterCommit(new SagaTally(true, List.of(), null, null, null));
		TransactionSynchronizationManager.clearSynchronization();

		assertThat(this.registry.get("orchestrator.sagas.started").counter().count()).isZero();
	}

	@Test
	void registersEverySeriesAtZeroUpFront() {
		assertThat(this.registry.get("orchestrator.sagas.finished").counters())
			.hasSize(1 + RejectionReason.values().length);
		assertThat(finished("APPROVED", "none")).isZero();
		assertThat(this.registry.get("orchestrator.sagas.compensations").counters()).hasSize(3);
		assertThat(this.registry.get("orchestrator.saga.duration").timers()).hasSize(2);
	}

	@Test
	void refusesToCountOutsideATransaction() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.metrics.countAfterCommit(new SagaTally(true, List.of(), null, null, null)));
	}

	private double finished(String outcome, String reason) {
		return this.registry.get("orchestrator.sagas.finished")
			.tag("outcome", outcome)
			.tag("reason", reason)
			.counter()
			.count();
	}

}
