package com.example.orderflow.orchestrator.placeorder;

import java.util.ArrayList;
import java.util.List;

import com.example.orderflow.contracts.InventoryEvent;
import com.example.orderflow.contracts.OrderEvent;
import com.example.orderflow.contracts.OrderEvent.OrderPlaced;
import com.example.orderflow.contracts.PaymentEvent;
import com.example.orderflow.contracts.SagaMessage;
import com.example.orderflow.contracts.Topics;
import com.example.orderflow.messaging.MessagePrincipal;
import com.example.orderflow.messaging.TransactionalConsumer;
import com.example.orderflow.messaging.UnexpectedMessageException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Starts a saga for each placed order and moves it on each participant's reply. The saga
 * row, its history, the next command (outbox) and the inbox entry commit together; a
 * batch of replies locks its sagas with one statement and stores their moves with one
 * more ({@link SagaRepository}). Each message's principal header
 * ({@link MessagePrincipal}) says who the steps it prompts are done for.
 */
@Component
class SagaReplyHandler {

	private static final Logger log = LoggerFactory.getLogger(SagaReplyHandler.class);

	private final TransactionalConsumer consumer;

	private final PlaceOrderSaga definition;

	private final SagaRepository sagas;

	private final SagaWriter writer;

	SagaReplyHandler(TransactionalConsumer consumer, PlaceOrderSaga definition, SagaRepository sagas,
			SagaWriter writer) {
		this.consumer = consumer;
		this.definition = definition;
		this.sagas = sagas;
		this.writer = writer;
	}

	@KafkaListener(topics = { Topics.ORDER_EVENTS, Topics.INVENTORY_EVENTS, Topics.PAYMENT_EVENTS }, batch = "true")
	void onBatch(List<ConsumerRecord<String, String>> records) {
		this.consumer.consume(records, this::lockSagasOf, this::handle);
	}

	/**
	 * One statement locks the sagas that the batch's replies move, and finds whether an
	 * OrderPlaced's order has a saga already.
	 */
	void lockSagasOf(List<SagaMessage> messages) {
		this.sagas.lockAll(messages.stream().map(SagaMessage::orderId).toList());
	}

	void handle(SagaMessage message) {
		String principal = MessagePrincipal.current();
		switch (message) {
			case OrderPlaced placed -> start(placed, principal);
			case OrderEvent reply -> advance(reply, principal);
			case InventoryEvent reply -> advance(reply, principal);
			case PaymentEvent reply -> advance(reply, principal);
			default -> throw new UnexpectedMessageException(message);
		}
	}

	private void start(OrderPlaced placed, String placedBy) {
		List<Outgoing> out = new ArrayList<>(1);
		Saga saga = this.definition.start(placed, placedBy, out);
		if (!this.writer.create(saga, out)) {
			log.info("Order {} already has a saga; ignoring a repeated OrderPlaced", placed.orderId());
		}
	}

	private void advance(SagaMessage reply, String principal) {
		Saga saga = this.sagas.lockByOrderId(reply.orderId())
			.orElseThrow(() -> new IllegalStateException("no saga for order " + reply.orderId()));
		if (!saga.id().equals(reply.sagaId())) {
			throw new IllegalStateException(
					"reply for saga " + reply.sagaId() + " but order " + reply.orderId() + " runs saga " + saga.id());
		}
		List<Outgoing> out = new ArrayList<>(1);
		saga.actFor(principal);
		this.definition.on(saga, reply, out);
		this.writer.save(saga, out);
	}

}
