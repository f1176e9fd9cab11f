package com.example.orderflow.inventory.stock;

import com.example.orderflow.contracts.Money;
import com.example.orderflow.webproblems.CurrencyCode;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * The full state of a product as its owner sets it; what is reserved is not part of it.
 * The price is bounded so that no order's total can overflow
 * ({@link Money#MAX_UNIT_PRICE}).
 */
record ProductRequest(@NotBlank @Size(max = 200) String name,
		@NotNull @PositiveOrZero @Max(Money.MAX_UNIT_PRICE) Long unitPrice, @NotNull @CurrencyCode String currency,
		@NotNull @PositiveOrZero Integer onHand) {
}
