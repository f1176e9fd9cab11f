package com.example.orderflow.inventory.reservation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.example.orderflow.contracts.InventoryCommand.ConfirmReservation;
import com.example.orderflow.contracts.InventoryCommand.ReleaseStock;
import com.example.orderflow.contracts.InventoryCommand.ReserveStock;
import com.example.orderflow.contracts.OrderItem;
import com.example.orderflow.inventory.stock.Product;

/** Commands as the orchestrator sends them, and products to run them against. */
final class ReservationFixtures {

	private ReservationFixtures() {
	}

	/** Skus are unique per test: the broker, and its topics, are shared by the JVM. */
	static String uniqueSku() {
		return "SKU-" + UUID.randomUUID().toString().substring(0, 13).toUpperCase(Locale.ROOT);
	}

	static Product product(String sku, long unitPrice, int onHand) {
		return new Product(sku, "Product " + sku, unitPrice, "EUR", onHand, 0);
	}

	static Product product(String sku, long unitPrice, String currency, int onHand) {
		return new Product(sku, "Product " + sku, unitPrice, currency, onHand, 0);
	}

	static OrderItem item(String sku, int quantity) {
		return new OrderItem(sku, quantity);
	}

	static ReserveStock reserveStock(UUID orderId, OrderItem... items) {
		return new ReserveStock(UUID.randomUUID(), sagaOf(orderId), orderId, Instant.now(), "EUR", List.of(items));
	}

	/** The same command again under a new message id, as the orchestrator re-sends it. */
	static ReserveStock resent(ReserveStock command) {
		return new ReserveStock(UUID.randomUUID(), command.sagaId(), command.orderId(), Instant.now(),
				command.currency(), command.items());
	}

	static ConfirmReservation confirmReservation(UUID orderId) {
		return new ConfirmReservation(UUID.randomUUID(), sagaOf(orderId), orderId, Instant.now());
	}

	static ReleaseStock releaseStock(UUID orderId) {
		return new ReleaseStock(UUID.randomUUID(), sagaOf(orderId), orderId, Instant.now());
	}

	/** One saga per order, so every command of an order carries the same saga id. */
	static UUID sagaOf(UUID orderId) {
		return UUID.nameUUIDFromBytes(("saga-" + orderId).getBytes(StandardCharsets.UTF_8));
	}

}
