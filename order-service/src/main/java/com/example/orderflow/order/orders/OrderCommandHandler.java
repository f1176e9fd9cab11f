package com.example.orderflow.order.orders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.example.orderflow.contracts.OrderCommand.ApproveOrder;
import com.example.orderflow.contracts.OrderCommand.RejectOrder;
import com.example.orderflow.contracts.OrderEvent.OrderApproved;
import com.example.orderflow.contracts.OrderEvent.OrderRejected;
import com.example.orderflow.contracts.SagaMessage;
import com.example.orderflow.contracts.Topics;
import com.example.orderflow.messaging.Outbox;
import com.example.orderflow.messaging.TransactionalConsumer;
import com.example.orderflow.messaging.UnexpectedMessageException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Applies the orchestrator's verdict to an order. A repeated command changes nothing and
 * answers again from the order's current state, because the orchestrator re-sends (with a
 * new message id) a command whose reply it missed. A verdict that contradicts the order's
 * state is a bug in the saga, not something to retry: it is thrown, and so dead-lettered.
 * A batch of commands shares one transaction: its orders are locked with one statement
 * and its verdicts stored with one statement per table.
 */
@Component
class OrderCommandHandler {

	private final TransactionalConsumer consumer;

	private final OrderRepository orders;

	private final Outbox outbox;

	OrderCommandHandler(TransactionalConsumer consumer, OrderRepository orders, Outbox outbox) {
		this.consumer = consumer;
		this.orders = orders;
		this.outbox = outbox;
	}

	@KafkaListener(topics = Topics.ORDER_COMMANDS, batch = "true")
	void onBatch(List<ConsumerRecord<String, String>> records) {
		this.consumer.consume(records, this::lockAll, this::handle);
	}

	/**
	 * Locks the orders of the whole batch with one statement, so each command then reads
	 * its order from memory; the verdicts are written together at the commit (see
	 * {@link OrderRepository#saveDecision}).
	 */
	void lockAll(List<SagaMessage> messages) {
		this.orders.lockAll(messages.stream().map(SagaMessage::orderId).toList());
	}

	void handle(SagaMessage message) {
		switch (message) {
			case ApproveOrder command -> approve(command);
			case RejectOrder command -> reject(command);
			default -> throw new UnexpectedMessageException(message);
		}
	}

	private void approve(ApproveOrder command) {
		Order order = lockOrderOf(command);
		Order approved = order.approve(command.lines(), command.total());
		if (order.isPending()) {
			this.orders.saveDecision(approved);
		}
		this.outbox.add(Topics.ORDER_EVENTS,
				new OrderApproved(UUID.randomUUID(), command.sagaId(), command.orderId(), Instant.now()));
	}

	private void reject(RejectOrder command) {
		Order order = lockOrderOf(command);
		Order rejected = order.reject(command.reason(), command.lines(), command.total());
		if (order.isPending()) {
			this.orders.saveDecision(rejected);
		}
		// A re-sent command is answered with the reason the order was rejected for, which
		// is the one the saga decided first.
		this.outbox.add(Topics.ORDER_EVENTS, new OrderRejected(UUID.randomUUID(), command.sagaId(), command.orderId(),
				Instant.now(), rejected.reason()));
	}

	private Order lockOrderOf(SagaMessage command) {
		Order order = this.orders.findByIdForUpdate(command.orderId())
			.orElseThrow(() -> new IllegalStateException("Order " + command.orderId() + " does not exist"));
		if (!order.sagaId().equals(command.sagaId())) {
			throw new IllegalStateException(
					"Order " + order.id() + " belongs to saga " + order.sagaId() + ", not to " + command.sagaId());
		}
		return order;
	}

}
