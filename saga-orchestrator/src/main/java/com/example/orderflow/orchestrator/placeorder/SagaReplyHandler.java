package com.example.orderflow.orchestrator.placeorder;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.example.orderflow.contracts.InventoryEvent;
import com.example.orderflow.contracts.OrderEvent;
import com.example.orderflow.contracts.OrderEvent.OrderPlaced;
import com.example.orderflow.contracts.PaymentEvent;
import com.example.orderflow.contracts.SagaMessage;
import com.example.orderflow.contracts.Topics;
import com.example.orderflow.messaging.Outbox;
import com.example.orderflow.messaging.TransactionalConsumer;
import com.example.orderflow.messaging.UnexpectedMessageException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Starts a saga for each placed order and moves it on each participant's reply. The saga
 * row, its history, the next command (outbox) and the inbox entry commit together.
 */
@Component
class SagaReplyHandler {

	private static final Logger log = LoggerFactory.getLogger(SagaReplyHandler.class);

	private final TransactionalConsumer consumer;

	private final PlaceOrderSaga definition;

	private final SagaRepository sagas;

	private final Outbox outbox;

	private final Clock clock;

	SagaReplyHandler(TransactionalConsumer consumer, PlaceOrderSaga definition, SagaRepository sagas, Outbox outbox,
			Clock clock) {
		this.consumer = consumer;
		this.definition = definition;
		this.sagas = sagas;
		this.outbox = outbox;
		this.clock = clock;
	}

	@KafkaListener(topics = { Topics.ORDER_EVENTS, Topics.INVENTORY_EVENTS, Topics.PAYMENT_EVENTS }, batch = "true")
	void onBatch(List<ConsumerRecord<String, String>> records) {
		this.consumer.consume(records, this::handle);
	}

	void handle(SagaMessage message) {
		List<Outgoing> out = new ArrayList<>(2);
		switch (message) {
			case OrderPlaced placed -> start(placed, out);
			case OrderEvent reply -> advance(reply, out);
			case InventoryEvent reply -> advance(reply, out);
			case PaymentEvent reply -> advance(reply, out);
			default -> throw new UnexpectedMessageException(message);
		}
		out.forEach((outgoing) -> this.outbox.add(outgoing.topic(), outgoing.command()));
	}

	private void start(OrderPlaced placed, List<Outgoing> out) {
		Saga saga = this.definition.start(placed, out);
		if (!this.sagas.insert(saga)) {
			log.info("Order {} already has a saga; ignoring a repeated OrderPlaced", placed.orderId());
			out.clear();
		}
	}

	private void advance(SagaMessage reply, List<Outgoing> out) {
		Saga saga = this.sagas.lockByOrderId(reply.orderId())
			.orElseThrow(() -> new IllegalStateException("no saga for order " + reply.orderId()));
		if (!saga.id().equals(reply.sagaId())) {
			throw new IllegalStateException(
					"reply for saga " + reply.sagaId() + " but order " + reply.orderId() + " runs saga " + saga.id());
		}
		this.definition.on(saga, reply, out);
		this.sagas.update(saga, this.clock.instant());
	}

}
