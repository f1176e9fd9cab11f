package com.example.orderflow.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * What every message carries: {@code messageId} lets consumers drop redeliveries,
 * {@code sagaId} and {@code orderId} correlate, and the order id is the Kafka key so one
 * saga's messages stay in order on one partition.
 */
public sealed interface SagaMessage
		permits OrderEvent, OrderCommand, InventoryCommand, InventoryEvent, PaymentCommand, PaymentEvent {

	UUID messageId();

	UUID sagaId();

	UUID orderId();

	Instant occurredAt();

	default String key() {
		return orderId().toString();
	}

	static void requireEnvelope(UUID messageId, UUID sagaId, UUID orderId, Instant occurredAt) {
		if (messageId == null || sagaId == null || orderId == null || occurredAt == null) {
			throw new IllegalArgumentException("messageId, sagaId, orderId and occurredAt are required");
		}
	}

	static <T> java.util.List<T> requireNonEmpty(java.util.List<T> list, String name) {
		if (list == null || list.isEmpty()) {
			throw new IllegalArgumentException(name + " must not be empty");
		}
		return java.util.List.copyOf(list);
	}

}
