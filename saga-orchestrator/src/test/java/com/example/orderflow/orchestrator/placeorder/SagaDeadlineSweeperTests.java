package com.example.orderflow.orchestrator.placeorder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.example.orderflow.messaging.ConsumerAssignments;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * After a restart the replies that answer overdue steps may be waiting on Kafka, unread:
 * the sweep judges no deadline until the reply consumer has caught up with them, and
 * waits for that no longer than one step timeout.
 */
class SagaDeadlineSweeperTests {

	static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);

	final SagaRepository sagas = mock();

	final ConsumerAssignments replies = mock();

	Instant now = Instant.parse("2026-12-07T12:00:00Z");

	SagaDeadlineSweeper sweeper;

	@BeforeEach
	void sweeper() {
		Clock clock = mock();
		given(clock.instant()).willAnswer((invocation) -> this.now);
		given(clock.getZone()).willReturn(ZoneOffset.UTC);
		given(this.sagas.lockOverdue(any(), anyInt())).willReturn(List.of());
		this.sweeper = new SagaDeadlineSweeper(this.sagas, mock(PlaceOrderSaga.class), mock(SagaWriter.class),
				new TransactionTemplate(mock(PlatformTransactionManager.class)), SagaFixtures.properties(STEP_TIMEOUT),
				clock, this.replies);
	}

	@Test
	void judgesDeadlinesOnceTheRepliesThatWaitedAreRead() {
		given(this.replies.caughtUp()).willReturn(false);
		this.sweeper.sweep();
		this.now = this.now.plusSeconds(3);
		this.sweeper.sweep();
		verify(this.sagas, never()).lockOverdue(any(), anyInt());

		given(this.replies.caughtUp()).willReturn(true);
		this.sweeper.sweep();
		verify(this.sagas).lockOverdue(this.now, SagaFixtures.properties(STEP_TIMEOUT).sweepBatch());
	}

	@Test
	void holdsNoLongerThanOneStepTimeoutForAConsumerThatCannotCatchUp() {
		given(this.replies.caughtUp()).willReturn(false);
		this.sweeper.sweep();
		this.now = this.now.plus(STEP_TIMEOUT).minusMillis(1);
		this.sweeper.sweep();
		verify(this.sagas, never()).lockOverdue(any(), anyInt());

		this.now = this.now.plusMillis(1);
		this.sweeper.sweep();
		this.sweeper.sweep();
		verify(this.sagas, times(2)).lockOverdue(any(), anyInt());
	}

}
