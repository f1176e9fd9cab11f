package com.example.orderflow.contracts;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.example.orderflow.contracts.InventoryCommand.ConfirmReservation;
import com.example.orderflow.contracts.InventoryCommand.ReleaseStock;
import com.example.orderflow.contracts.InventoryCommand.ReserveStock;
import com.example.orderflow.contracts.InventoryEvent.ReservationConfirmed;
import com.example.orderflow.contracts.InventoryEvent.StockRejected;
import com.example.orderflow.contracts.InventoryEvent.StockReleased;
import com.example.orderflow.contracts.InventoryEvent.StockReserved;
import com.example.orderflow.contracts.OrderCommand.ApproveOrder;
import com.example.orderflow.contracts.OrderCommand.RejectOrder;
import com.example.orderflow.contracts.OrderEvent.OrderApproved;
import com.example.orderflow.contracts.OrderEvent.OrderPlaced;
import com.example.orderflow.contracts.OrderEvent.OrderRejected;
import com.example.orderflow.contracts.PaymentCommand.ChargePayment;
import com.example.orderflow.contracts.PaymentCommand.RefundPayment;
import com.example.orderflow.contracts.PaymentEvent.PaymentCharged;
import com.example.orderflow.contracts.PaymentEvent.PaymentDeclined;
import com.example.orderflow.contracts.PaymentEvent.PaymentFailed;
import com.example.orderflow.contracts.PaymentEvent.PaymentRefunded;
import com.example.orderflow.contracts.PaymentEvent.RefundFailed;

/**
 * The logical type name that travels in the {@code type} header and field, mapped to its
 * record. The name, not the Java class, is the contract, so records can move packages. A
 * breaking change is a new name (or a new version alongside the old one).
 */
public final class MessageTypes {

	public static final int VERSION = 1;

	private static final Map<String, Class<? extends SagaMessage>> BY_NAME = Stream
		.of(OrderPlaced.class, OrderApproved.class, OrderRejected.class, ApproveOrder.class, RejectOrder.class,
				ReserveStock.class, ConfirmReservation.class, ReleaseStock.class, StockReserved.class,
				StockRejected.class, ReservationConfirmed.class, StockReleased.class, ChargePayment.class,
				RefundPayment.class, PaymentCharged.class, PaymentDeclined.class, PaymentRefunded.class,
				PaymentFailed.class, RefundFailed.class)
		.collect(Collectors.toUnmodifiableMap(Class::getSimpleName, type -> type));

	private MessageTypes() {
	}

	public static Optional<Class<? extends SagaMessage>> forName(String name) {
		return Optional.ofNullable(BY_NAME.get(name));
	}

	public static String nameOf(SagaMessage message) {
		return message.getClass().getSimpleName();
	}

	public static Map<String, Class<? extends SagaMessage>> all() {
		return BY_NAME;
	}

}
