package com.example.orderflow.orchestrator.placeorder;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.example.orderflow.messaging.ConsumerAssignments;
import com.example.orderflow.messaging.Tracing;
import com.example.orderflow.orchestrator.placeorder.SagaRepository.Overdue;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Acts on sagas whose step deadline passed, even if no message ever arrives again, and
 * sends the steps due to be re-sent after a transient failure (their deadline is the time
 * of the re-send). Skips rows another instance (or a reply being applied) holds, so each
 * overdue saga is handled once.
 *
 * <p>
 * A deadline says a reply did not come in time; after this instance was down, the replies
 * may well have come and be waiting on Kafka, unread. So while the reply consumer catches
 * up on what waited in its partitions when it got them, the sweep holds off, for at most
 * one step timeout (a partition that cannot be caught up must not stop every deadline).
 * Without it, a restarted orchestrator rejected with TIMEOUT sagas whose answers it had
 * not read yet.
 */
@Component
class SagaDeadlineSweeper {

	private static final Logger log = LoggerFactory.getLogger(SagaDeadlineSweeper.class);

	private static final AttributeKey<String> STATE = AttributeKey.stringKey("orderflow.saga.state");

	private final SagaRepository sagas;

	private final PlaceOrderSaga definition;

	private final SagaWriter writer;

	private final TransactionTemplate transactions;

	private final SagaProperties properties;

	private final Clock clock;

	private final ConsumerAssignments replies;

	private Instant holdingSince;

	SagaDeadlineSweeper(SagaRepository sagas, PlaceOrderSaga definition, SagaWriter writer,
			TransactionTemplate transactions, SagaProperties properties, Clock clock, ConsumerAssignments replies) {
		this.replies = replies;
		this.sagas = sagas;
		this.definition = definition;
		this.writer = writer;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${orchestrator.saga.sweep-interval:500ms}")
	void sweep() {
		if (holdForReplies()) {
			return;
		}
		try {
			Integer handled;
			do {
				handled = Tracing.untraced(() -> this.transactions.execute((status) -> sweepBatch()));
			}
			while (handled != null && handled == this.properties.sweepBatch());
		}
		catch (RuntimeException ex) {
			log.warn("Deadline sweep failed, will try again: {}", ex.toString());
		}
	}

	/**
	 * @return whether to leave the deadlines alone this time, as replies that may answer
	 * them are still waiting to be read
	 */
	private boolean holdForReplies() {
		if (this.replies.caughtUp()) {
			if (this.holdingSince != null) {
				log.info("Reply consumer caught up; judging step deadlines again");
				this.holdingSince = null;
			}
			return false;
		}
		Instant now = this.clock.instant();
		if (this.holdingSince == null) {
			log.info("Holding step deadlines while the reply consumer catches up");
			this.holdingSince = now;
		}
		return now.isBefore(this.holdingSince.plus(this.properties.stepTimeout()));
	}

	private int sweepBatch() {
		List<Overdue> overdue = this.sagas.lockOverdue(this.clock.instant(), this.properties.sweepBatch());
		for (Overdue each : overdue) {
			Saga saga = each.saga();
			Span span = Tracing.startSpan("saga step deadline", SpanKind.INTERNAL, each.traceParent());
			span.setAttribute(Tracing.ORDER_ID, saga.orderId().toString());
			span.setAttribute(Tracing.SAGA_ID, saga.id().toString());
			span.setAttribute(STATE, saga.state().name());
			Tracing.within(span, () -> {
				List<Outgoing> out = new ArrayList<>(1);
				this.definition.onDeadline(saga, out);
				this.writer.save(saga, out);
			});
		}
		if (!overdue.isEmpty()) {
			log.info("Acted on {} saga(s) past their step deadline or due to re-send", overdue.size());
		}
		return overdue.size();
	}

}
