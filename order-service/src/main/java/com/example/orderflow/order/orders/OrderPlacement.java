package com.example.orderflow.order.orders;

import java.util.Optional;
import java.util.UUID;

import com.example.orderflow.contracts.OrderEvent.OrderPlaced;
import com.example.orderflow.messaging.MessagePrincipal;
import com.example.orderflow.messaging.Tracing;
import io.opentelemetry.api.trace.Span;

import org.springframework.stereotype.Service;

/**
 * Places an order exactly once per customer and idempotency key. The order and the
 * {@link OrderPlaced} that starts its saga commit together or not at all, with the orders
 * of concurrent requests ({@link PlacementWriter}).
 */
@Service
public class OrderPlacement {

	private final OrderRepository orders;

	private final PlacementWriter writer;

	private final PlacementCheck check;

	OrderPlacement(OrderRepository orders, PlacementWriter writer, PlacementCheck check) {
		this.orders = orders;
		this.writer = writer;
		this.check = check;
	}

	/**
	 * A retry is answered from what is stored before anything is checked: an order once
	 * accepted stays accepted under its key, even if its skus are gone by now, and a
	 * retry costs no call to another service. A new order is checked outside any
	 * transaction, so no database connection waits on other services; a refused one
	 * stores nothing, so the client may fix what was wrong and send it again under the
	 * same key.
	 * <p>
	 * Keys belong to the customer the order is for, so replaying another customer's key
	 * finds nothing of theirs; the caller has made sure that whoever places the order may
	 * act for {@code request.customerId()}.
	 * @param placedBy the token's principal placing the order: stored with it, and
	 * carried by its {@link OrderPlaced} (the {@link MessagePrincipal} header) into the
	 * saga
	 * @return the new order, or the one placed earlier with the same key and request
	 * @throws IdempotencyKeyReusedException if the key was used for a different request
	 * @throws UnplaceableOrderException if the order cannot succeed
	 */
	public PlacedOrder place(String idempotencyKey, PlaceOrder request, String placedBy) {
		String requestHash = request.fingerprint();
		Optional<PlacedOrder> earlier = placedEarlier(idempotencyKey, request, requestHash);
		if (earlier.isPresent()) {
			return earlier.get();
		}
		this.check.check(request);
		return insert(idempotencyKey, request, requestHash, placedBy);
	}

	private PlacedOrder insert(String idempotencyKey, PlaceOrder request, String requestHash, String placedBy) {
		NewOrder order = new NewOrder(UUID.randomUUID(), UUID.randomUUID(), idempotencyKey, requestHash, request,
				placedBy);
		if (this.writer.insert(order)) {
			// on the request's span, so the order can be found by its id in a trace
			// search
			Span.current().setAttribute(Tracing.ORDER_ID, order.id().toString());
			Span.current().setAttribute(Tracing.SAGA_ID, order.sagaId().toString());
			return new PlacedOrder(order.id(), OrderStatus.PENDING);
		}
		// A concurrent request with the same key committed while this one was checked.
		return placedEarlier(idempotencyKey, request, requestHash)
			.orElseThrow(() -> new IllegalStateException("Idempotency key conflicted but no order holds it"));
	}

	private Optional<PlacedOrder> placedEarlier(String idempotencyKey, PlaceOrder request, String requestHash) {
		return this.orders.findByIdempotencyKey(request.customerId(), idempotencyKey).map((existing) -> {
			if (!existing.requestHash().equals(requestHash)) {
				throw new IdempotencyKeyReusedException();
			}
			Span.current().setAttribute(Tracing.ORDER_ID, existing.id().toString());
			return new PlacedOrder(existing.id(), existing.status());
		});
	}

}
