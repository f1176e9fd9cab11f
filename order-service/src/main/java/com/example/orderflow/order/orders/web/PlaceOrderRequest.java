package com.example.orderflow.order.orders.web;

import java.util.List;

import com.example.orderflow.contracts.OrderItem;
import com.example.orderflow.order.orders.PlaceOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
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
		@NotNull @Pattern(regexp = "[A-Z]{3}",
				message = "must be an ISO 4217 code of three upper-case letters") String currency,
		@NotNull @Size(min = 1, max = 100) @UniqueSkus List<@NotNull @Valid Item> items) {

	PlaceOrder toPlaceOrder() {
		return new PlaceOrder(this.customerId, this.currency,
				this.items.stream().map((item) -> new OrderItem(item.sku(), item.quantity())).toList());
	}

	record Item(@NotBlank @Size(max = 64) String sku, @NotNull @Min(1) @Max(10_000) Integer quantity) {

	}

}
