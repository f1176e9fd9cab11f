package com.example.orderflow.orchestrator.placeorder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;

import com.example.orderflow.contracts.InventoryEvent.ReservationConfirmed;
import com.example.orderflow.contracts.InventoryEvent.StockRejected;
import com.example.orderflow.contracts.InventoryEvent.StockReleased;
import com.example.orderflow.contracts.InventoryEvent.StockReserved;
import com.example.orderflow.contracts.Money;
import com.example.orderflow.contracts.OrderEvent.OrderApproved;
import com.example.orderflow.contracts.OrderEvent.OrderPlaced;
import com.example.orderflow.contracts.OrderEvent.OrderRejected;
import com.example.orderflow.contracts.OrderItem;
import com.example.orderflow.contracts.PaymentEvent.PaymentCharged;
import com.example.orderflow.contracts.PaymentEvent.PaymentDeclined;
import com.example.orderflow.contracts.PaymentEvent.PaymentFailed;
import com.example.orderflow.contracts.PaymentEvent.PaymentRefunded;
import com.example.orderflow.contracts.PaymentEvent.RefundFailed;
import com.example.orderflow.contracts.PricedLine;
import com.example.orderflow.contracts.RejectionReason;
import com.example.orderflow.contracts.SagaMessage;
import com.example.orderflow.orchestrator.placeorder.SagaProperties.StepRetry;

/** Messages as the participants would send them, correlated to one placed order. */
final class SagaFixtures {

	static final Money TOTAL = new Money(10_200, "EUR");

	/** The customer every fixture order is for, who placed it. */
	static final String CUSTOMER = "alice";

	/** The principal of the operator who retries a parked saga. */
	static final String OPERATOR = "operator-olivia";

	private SagaFixtures() {
	}

	/**
	 * Three sends of an unanswered step; four sends of a failing one, 1s, 2s, 4s apart
	 * (+-25%); a ten minute saga.
	 */
	static SagaProperties properties(Duration stepTimeout) {
		return new SagaProperties(stepTimeout, Duration.ofMinutes(1), Duration.ofMinutes(10), 3, Duration.ofMillis(200),
				200, stepRetry());
	}

	static StepRetry stepRetry() {
		return new StepRetry(4, Duration.ofSeconds(1), 2, Duration.ofSeconds(30), 0.25);
	}

	/**
	 * Always draws {@code value}: 0.5 is the middle of the jitter range (no jitter), 0
	 * its low end.
	 */
	static RandomGenerator fixedJitter(double value) {
		return new RandomGenerator() {

			@Override
			public long nextLong() {
				throw new UnsupportedOperationException("only nextDouble is fixed");
			}

			@Override
			public double nextDouble() {
				return value;
			}

		};
	}

	static OrderPlaced orderPlaced() {
		return new OrderPlaced(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Instant.now(), CUSTOMER, "EUR",
				List.of(new OrderItem("SKU-BOOK", 2), new OrderItem("SKU-MUG", 1)));
	}

	static StockReserved stockReserved(SagaMessage placed) {
		return new StockReserved(UUID.randomUUID(), placed.sagaId(), placed.orderId(), Instant.now(),
				List.of(new PricedLine("SKU-BOOK", 2, 4500), new PricedLine("SKU-MUG", 1, 1200)), TOTAL);
	}

	static StockRejected outOfStock(SagaMessage placed) {
		return new StockRejected(UUID.randomUUID(), placed.sagaId(), placed.orderId(), Instant.now(),
				RejectionReason.OUT_OF_STOCK, "SKU-BOOK");
	}

	static PaymentCharged paymentCharged(SagaMessage placed) {
		return new PaymentCharged(UUID.randomUUID(), placed.sagaId(), placed.orderId(), Instant.now(), TOTAL);
	}

	static PaymentDeclined paymentDeclined(SagaMessage placed) {
		return new PaymentDeclined(UUID.randomUUID(), placed.sagaId(), placed.orderId(), Instant.now(),
				"INSUFFICIENT_FUNDS");
	}

	static PaymentFailed paymentFailed(SagaMessage placed) {
		return new PaymentFailed(UUID.randomUUID(), placed.sagaId(), placed.orderId(), Instant.now(),
				"payment provider timed out");
	}

	static RefundFailed refundFailed(SagaMessage placed) {
		return new RefundFailed(UUID.randomUUID(), placed.sagaId(), placed.orderId(), Instant.now(),
				"payment provider answered 503");
	}

	static PaymentRefunded paymentRefunded(SagaMessage placed, long amount) {
		return new PaymentRefunded(UUID.randomUUID(), placed.sagaId(), placed.orderId(), Instant.now(),
				new Money(amount, "EUR"));
	}

	static ReservationConfirmed reservationConfirmed(SagaMessage placed) {
		return new ReservationConfirmed(UUID.randomUUID(), placed.sagaId(), placed.orderId(), Instant.now());
	}

	static StockReleased stockReleased(SagaMessage placed) {
		return new StockReleased(UUID.randomUUID(), placed.sagaId(), placed.orderId(), Instant.now());
	}

	static OrderApproved orderApproved(SagaMessage placed) {
		return new OrderApproved(UUID.randomUUID(), placed.sagaId(), placed.orderId(), Instant.now());
	}

	static OrderRejected orderRejected(SagaMessage placed, RejectionReason reason) {
		return new OrderRejected(UUID.randomUUID(), placed.sagaId(), placed.orderId(), Instant.now(), reason);
	}

}
