package com.example.orderflow.order.orders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.example.orderflow.contracts.Money;
import com.example.orderflow.contracts.OrderItem;

/** What a customer asks for when placing an order. */
public record PlaceOrder(String customerId, String currency, List<OrderItem> items) {

	public PlaceOrder {
		Objects.requireNonNull(customerId, "customerId");
		if (!Money.isPaymentCurrency(currency)) {
			throw new IllegalArgumentException("currency must be an ISO 4217 code, was " + currency);
		}
		if (items == null || items.isEmpty()) {
			throw new IllegalArgumentException("items must not be empty");
		}
		items = List.copyOf(items);
		Set<String> skus = new HashSet<>();
		for (OrderItem item : items) {
			if (!skus.add(item.sku())) {
				throw new IllegalArgumentException("sku " + item.sku() + " appears twice");
			}
		}
	}

	/**
	 * A SHA-256 over a canonical form, so a retried request is recognised whatever the
	 * order of its items, and a changed one is not. Every field is length-prefixed so
	 * that no two different requests can concatenate to the same text.
	 */
	String fingerprint() {
		StringBuilder canonical = new StringBuilder("place-order/v1");
		field(canonical, this.customerId);
		field(canonical, this.currency);
		canonical.append('|').append(this.items.size());
		this.items.stream().sorted(Comparator.comparing(OrderItem::sku)).forEach((item) -> {
			field(canonical, item.sku());
			canonical.append('|').append(item.quantity());
		});
		return HexFormat.of().formatHex(sha256().digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
	}

	private static void field(StringBuilder canonical, String value) {
		canonical.append('|').append(value.length()).append(':').append(value);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java platform must support SHA-256", ex);
		}
	}

}
