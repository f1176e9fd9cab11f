package com.example.orderflow.inventory.stock;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The products one transaction has locked, as its own stock moves have left them, and
 * which of them moved: {@link ProductRepository} writes every moved product with one
 * statement just before the transaction commits, so a batch of a hundred reservations of
 * the same product costs one update instead of a hundred.
 */
final class StockInTransaction {

	private final Map<String, Product> lockedBySku = new HashMap<>();

	private final Set<String> moved = new LinkedHashSet<>();

	boolean isLocked(String sku) {
		return this.lockedBySku.containsKey(sku);
	}

	@Nullable Product product(String sku) {
		return this.lockedBySku.get(sku);
	}

	void locked(Product product) {
		this.lockedBySku.put(product.sku(), product);
	}

	void moved(Product product) {
		this.lockedBySku.put(product.sku(), product);
		this.moved.add(product.sku());
	}

	Collection<Product> movedProducts() {
		return this.moved.stream().map(this.lockedBySku::get).toList();
	}

}
