package com.example.orderflow.order.orders.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.example.orderflow.contracts.RejectionReason;
import com.example.orderflow.order.orders.Order;
import com.example.orderflow.order.orders.OrderLine;
import com.example.orderflow.order.orders.OrderStatus;

/**
 * An order as the API shows it; amounts are minor units of {@code currency}, null until
 * priced. {@code placedBy} is who placed it: the customer, or the operator or tool acting
 * for them (null for orders placed before it was recorded).
 */
record OrderResponse(UUID orderId, String customerId, OrderStatus status, RejectionReason reason, String currency,
		Long total, List<Line> lines, Instant createdAt, Instant updatedAt, String placedBy) {

	static OrderResponse of(Order order) {
		return new OrderResponse(order.id(), order.customerId(), order.status(), order.reason(), order.currency(),
				order.total(), order.lines().stream().map(Line::of).toList(), order.createdAt(), order.updatedAt(),
				order.placedBy());
	}

	record Line(String sku, int quantity, Long unitPrice) {

		static Line of(OrderLine line) {
			return new Line(line.sku(), line.quantity(), line.unitPrice());
		}

	}

}
