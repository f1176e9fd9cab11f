package com.example.orderflow.orchestrator.placeorder;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

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

	SagaDeadlineSweeper(SagaRepository sagas, PlaceOrderSaga definition, SagaWriter writer,
			TransactionTemplate transactions, SagaProperties properties, Clock clock) {
		this.sagas = sagas;
		this.definition = definition;
		this.writer = writer;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${orchestrator.saga.sweep-interval:500ms}")
	void sweep() {
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
