package com.example.orderflow.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.example.orderflow.contracts.InventoryCommand.ConfirmReservation;
import com.example.orderflow.contracts.InventoryCommand.ReleaseStock;
import com.example.orderflow.contracts.InventoryCommand.ReserveStock;
import com.example.orderflow.contracts.InventoryEvent.ReservationConfirmed;
import com.example.orderflow.contracts.InventoryEvent.StockRejected;
import com.example.orderflow.contracts.InventoryEvent.StockReleased;
import com.example.orderflow.contracts.InventoryEvent.StockReserved;
import com.example.orderflow.contracts.Money;
import com.example.orderflow.contracts.OrderCommand.ApproveOrder;
import com.example.orderflow.contracts.OrderCommand.RejectOrder;
import com.example.orderflow.contracts.OrderEvent.OrderApproved;
import com.example.orderflow.contracts.OrderEvent.OrderPlaced;
import com.example.orderflow.contracts.OrderEvent.OrderRejected;
import com.example.orderflow.contracts.OrderItem;
import com.example.orderflow.contracts.PaymentCommand.ChargePayment;
import com.example.orderflow.contracts.PaymentCommand.RefundPayment;
import com.example.orderflow.contracts.PaymentEvent.PaymentCharged;
import com.example.orderflow.contracts.PaymentEvent.PaymentDeclined;
import com.example.orderflow.contracts.PaymentEvent.PaymentFailed;
import com.example.orderflow.contracts.PaymentEvent.PaymentRefunded;
import com.example.orderflow.contracts.PaymentEvent.RefundFailed;
import com.example.orderflow.contracts.PricedLine;
import com.example.orderflow.contracts.RejectionReason;
import com.example.orderflow.contracts.SagaMessage;

/** One message of every type with fixed values: the checked-in samples are their JSON. */
final class MessageSamples {

	static final UUID MESSAGE = UUID.fromString("11111111-1111-1111-1111-111111111111");

	static final UUID SAGA = UUID.fromString("22222222-2222-2222-2222-222222222222");

	static final UUID ORDER = UUID.fromString("33333333-3333-3333-3333-333333333333");

	static final Instant AT = Instant.parse("2026-01-02T03:04:05.678Z");

	static final List<OrderItem> ITEMS = List.of(new OrderItem("SKU-BOOK", 2), new OrderItem("SKU-MUG", 1));

	static final List<PricedLine> LINES = List.of(new PricedLine("SKU-BOOK", 2, 4500),
			new PricedLine("SKU-MUG", 1, 1200));

	static final Money TOTAL = new Money(10200, "EUR");

	private MessageSamples() {
	}

	static List<SagaMessage> all() {
		return List.of(new OrderPlaced(MESSAGE, SAGA, ORDER, AT, "alice", "EUR", ITEMS),
				new OrderApproved(MESSAGE, SAGA, ORDER, AT),
				new OrderRejected(MESSAGE, SAGA, ORDER, AT, RejectionReason.PAYMENT_DECLINED),
				new ApproveOrder(MESSAGE, SAGA, ORDER, AT, LINES, TOTAL),
				new RejectOrder(MESSAGE, SAGA, ORDER, AT, RejectionReason.OUT_OF_STOCK, List.of(), null),
				new ReserveStock(MESSAGE, SAGA, ORDER, AT, "EUR", ITEMS),
				new ConfirmReservation(MESSAGE, SAGA, ORDER, AT), new ReleaseStock(MESSAGE, SAGA, ORDER, AT),
				new StockReserved(MESSAGE, SAGA, ORDER, AT, LINES, TOTAL),
				new StockRejected(MESSAGE, SAGA, ORDER, AT, RejectionReason.OUT_OF_STOCK, "SKU-BOOK"),
				new ReservationConfirmed(MESSAGE, SAGA, ORDER, AT), new StockReleased(MESSAGE, SAGA, ORDER, AT),
				new ChargePayment(MESSAGE, SAGA, ORDER, AT, "alice", TOTAL),
				new RefundPayment(MESSAGE, SAGA, ORDER, AT, "alice"),
				new PaymentCharged(MESSAGE, SAGA, ORDER, AT, TOTAL),
				new PaymentDeclined(MESSAGE, SAGA, ORDER, AT, "INSUFFICIENT_FUNDS"),
				new PaymentFailed(MESSAGE, SAGA, ORDER, AT, "payment provider timed out"),
				new RefundFailed(MESSAGE, SAGA, ORDER, AT, "payment provider answered 503"),
				new PaymentRefunded(MESSAGE, SAGA, ORDER, AT, TOTAL));
	}

}
