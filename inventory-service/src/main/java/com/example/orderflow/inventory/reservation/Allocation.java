package com.example.orderflow.inventory.reservation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.example.orderflow.contracts.Money;
import com.example.orderflow.contracts.OrderItem;
import com.example.orderflow.contracts.PricedLine;
import com.example.orderflow.contracts.RejectionReason;
import com.example.orderflow.inventory.stock.Product;

/**
 * The decision for one reservation request: every line can be served, or none is. Pure,
 * so it can be tested without a database; the caller has locked the products.
 */
sealed interface Allocation {

	/** Every line can be reserved, priced at the products' current prices. */
	record Granted(List<PricedLine> lines, Money total) implements Allocation {
	}

	record Refused(RejectionReason reason, String detail) implements Allocation {
	}

	/**
	 * Sums the quantities of repeated skus, so each product is checked and moved once. A
	 * long, so that absurd quantities are simply more than there is in stock.
	 * @return quantities by sku, in sku order
	 */
	static SortedMap<String, Long> merge(List<OrderItem> items) {
		SortedMap<String, Long> quantities = new TreeMap<>();
		for (OrderItem item : items) {
			quantities.merge(item.sku(), (long) item.quantity(), Long::sum);
		}
		return quantities;
	}

	/**
	 * @param currency the currency the order is placed in
	 * @param requested quantities by sku, as {@link #merge} returns them
	 * @param products the requested products that exist, by sku
	 */
	static Allocation decide(String currency, SortedMap<String, Long> requested, Map<String, Product> products) {
		List<String> unknown = requested.keySet().stream().filter((sku) -> !products.containsKey(sku)).toList();
		if (!unknown.isEmpty()) {
			return new Refused(RejectionReason.UNKNOWN_PRODUCT, "unknown products: " + String.join(", ", unknown));
		}
		List<String> otherCurrency = requested.keySet()
			.stream()
			.map(products::get)
			.filter((product) -> !product.currency().equals(currency))
			.map((product) -> product.sku() + " is priced in " + product.currency())
			.toList();
		if (!otherCurrency.isEmpty()) {
			return new Refused(RejectionReason.CURRENCY_MISMATCH,
					"the order is in " + currency + " but " + String.join(", ", otherCurrency));
		}
		String shortages = requested.entrySet()
			.stream()
			.filter((entry) -> products.get(entry.getKey()).available() < entry.getValue())
			.map((entry) -> "%s (requested %d, available %d)".formatted(entry.getKey(), entry.getValue(),
					products.get(entry.getKey()).available()))
			.collect(Collectors.joining(", "));
		if (!shortages.isEmpty()) {
			return new Refused(RejectionReason.OUT_OF_STOCK, "not enough stock for " + shortages);
		}
		List<PricedLine> lines = new ArrayList<>(requested.size());
		Money total = new Money(0, currency);
		for (Map.Entry<String, Long> entry : requested.entrySet()) {
			// no more than is available, so it fits an int
			int quantity = Math.toIntExact(entry.getValue());
			PricedLine line = new PricedLine(entry.getKey(), quantity, products.get(entry.getKey()).unitPrice());
			lines.add(line);
			total = total.plus(new Money(line.lineTotal(), currency));
		}
		return new Granted(List.copyOf(lines), total);
	}

}
