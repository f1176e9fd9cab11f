package com.example.orderflow.order.orders.web;

import java.util.List;

import com.example.orderflow.contracts.OrderItem;
import com.example.orderflow.order.orders.PlaceOrder;
import com.example.orderflow.webproblems.CurrencyCode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /orders}. Validated by Bean Validation rather than in the
 * constructor, so a client hears about every invalid field at once.
 */
record PlaceOrderRequest(
		@NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}",
				message = "must be 1 to 64 letters, digits, '.', '_' or '-'") String customerId,
		@NotNull @CurrencyCode String currency,
		@NotNull @Size(min = 1, max = OrderItem.MAX_LINES) @UniqueSkus List<@NotNull @Valid Item> items) {

	PlaceOrder toPlaceOrder() {
		return new PlaceOrder(this.customerId, this.currency,
				this.items.stream().map((item) -> new OrderItem(item.sku(), item.quantity())).toList());
	}

	/**
	 * The sku rule is inventory's: a sku it could never have is refused here, not looked
	 * up.
	 */
	record Item(@NotNull @Pattern(regexp = OrderItem.SKU_PATTERN, message = OrderItem.SKU_RULE) String sku,
			@NotNull @Min(1) @Max(OrderItem.MAX_QUANTITY) Integer quantity) {

	}

}
