package com.example.orderflow.order.orders;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.example.orderflow.contracts.Money;
import com.example.orderflow.contracts.PricedLine;
import com.example.orderflow.contracts.RejectionReason;

/**
 * An order as stored. {@code total} is in minor units of {@code currency} and null until
 * the saga priced the order; {@code reason} is set exactly when it was rejected.
 * {@code placedBy} is the token's principal that placed it (the customer, or an operator
 * acting for them); null for orders placed before it was recorded.
 */
public record Order(UUID id, UUID sagaId, String customerId, String currency, OrderStatus status,
		RejectionReason reason, Long total, List<OrderLine> lines, Instant createdAt, Instant updatedAt,
		String placedBy) {

	public Order {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(status, "status");
		lines = List.copyOf(lines);
	}

	boolean isPending() {
		return this.status == OrderStatus.PENDING;
	}

	/**
	 * @return the approved order; an approved one stays as it is, because the
	 * orchestrator re-sends a command whose reply it did not see in time
	 */
	Order approve(List<PricedLine> pricedLines, Money total) {
		return switch (this.status) {
			case APPROVED -> this;
			case REJECTED -> throw new IllegalStateException(
					"Order " + this.id + " was rejected; a saga must never approve a rejected order");
			case PENDING -> {
				if (!this.currency.equals(total.currency())) {
					throw new IllegalStateException("Order " + this.id + " is in " + this.currency
							+ " but was approved with a total in " + total.currency());
				}
				yield decided(OrderStatus.APPROVED, null, priceEveryLine(pricedLines), total.amount());
			}
		};
	}

	/**
	 * @return the rejected order, priced where the saga knew prices; a rejected one stays
	 * as it is (re-sent command)
	 */
	Order reject(RejectionReason reason, List<PricedLine> pricedLines, Money total) {
		Objects.requireNonNull(reason, "reason");
		return switch (this.status) {
			case REJECTED -> this;
			case APPROVED -> throw new IllegalStateException(
					"Order " + this.id + " was approved; a saga must never reject an approved order");
			// Prices without a total in the order's own currency (a CURRENCY_MISMATCH,
			// say)
			// cannot be shown next to it, so the order keeps no prices then.
			case PENDING -> (total != null && this.currency.equals(total.currency()))
					? decided(OrderStatus.REJECTED, reason, priceKnownLines(pricedLines), total.amount())
					: decided(OrderStatus.REJECTED, reason, this.lines, null);
		};
	}

	private List<OrderLine> priceEveryLine(List<PricedLine> pricedLines) {
		Map<String, PricedLine> bySku = bySku(pricedLines);
		if (!bySku.keySet().equals(this.lines.stream().map(OrderLine::sku).collect(Collectors.toSet()))) {
			throw new IllegalStateException("Order " + this.id + " has skus "
					+ this.lines.stream().map(OrderLine::sku).toList() + " but was priced for " + bySku.keySet());
		}
		return this.lines.stream().map((line) -> line.priced(bySku.get(line.sku()).unitPrice())).toList();
	}

	private List<OrderLine> priceKnownLines(List<PricedLine> pricedLines) {
		Map<String, PricedLine> bySku = bySku(pricedLines);
		return this.lines.stream()
			.map((line) -> bySku.containsKey(line.sku()) ? line.priced(bySku.get(line.sku()).unitPrice()) : line)
			.toList();
	}

	private static Map<String, PricedLine> bySku(List<PricedLine> pricedLines) {
		return pricedLines.stream().collect(Collectors.toMap(PricedLine::sku, Function.identity()));
	}

	private Order decided(OrderStatus status, RejectionReason reason, List<OrderLine> lines, Long total) {
		return new Order(this.id, this.sagaId, this.customerId, this.currency, status, reason, total, lines,
				this.createdAt, this.updatedAt, this.placedBy);
	}

}
