package com.example.orderflow.order.orders;

import java.time.Instant;
import java.util.UUID;

import com.example.orderflow.contracts.OrderEvent.OrderPlaced;
import com.example.orderflow.contracts.Topics;
import com.example.orderflow.messaging.Outbox;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places an order exactly once per customer and idempotency key. The order and the
 * {@link OrderPlaced} that starts its saga commit together or not at all.
 */
@Service
public class OrderPlacement {

	private final OrderRepository orders;

	private final Outbox outbox;

	OrderPlacement(OrderRepository orders, Outbox outbox) {
		this.orders = orders;
		this.outbox = outbox;
	}

	/**
	 * @return the new order, or the one placed earlier with the same key and request
	 * @throws IdempotencyKeyReusedException if the key was used for a different request
	 */
	@Transactional
	public PlacedOrder place(String idempotencyKey, PlaceOrder request) {
		String requestHash = request.fingerprint();
		UUID orderId = UUID.randomUUID();
		UUID sagaId = UUID.randomUUID();
		if (this.orders.insertIfNew(orderId, sagaId, idempotencyKey, requestHash, request)) {
			this.outbox.add(Topics.ORDER_EVENTS, new OrderPlaced(UUID.randomUUID(), sagaId, orderId, Instant.now(),
					request.customerId(), request.currency(), request.items()));
			return new PlacedOrder(orderId, OrderStatus.PENDING);
		}
		OrderRepository.KeyedOrder existing = this.orders.findByIdempotencyKey(request.customerId(), idempotencyKey)
			.orElseThrow(() -> new IllegalStateException("Idempotency key conflicted but no order holds it"));
		if (!existing.requestHash().equals(requestHash)) {
			throw new IdempotencyKeyReusedException();
		}
		return new PlacedOrder(existing.id(), existing.status());
	}

}
