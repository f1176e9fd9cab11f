package com.example.orderflow.inventory.stock;

import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates products and changes their price and stock. The row is locked while the change
 * is checked against what is reserved, so a reservation cannot slip in between the check
 * and the update.
 */
@Service
class ProductCatalog {

	private final ProductRepository products;

	ProductCatalog(ProductRepository products) {
		this.products = products;
	}

	@Transactional
	Saved save(String sku, ProductRequest request) {
		Optional<Product> current = this.products.findForUpdate(sku);
		if (current.isEmpty()) {
			Product created = new Product(sku, request.name(), request.unitPrice(), request.currency(),
					request.onHand(), 0);
			if (this.products.insert(created)) {
				return new Saved(created, true);
			}
			// Another request created it after our lookup; its row is committed now, so
			// this becomes an ordinary update.
			current = this.products.findForUpdate(sku);
		}
		Product existing = current.orElseThrow();
		if (request.onHand() < existing.reserved()) {
			throw new StockConflictException("cannot set the stock of %s to %d: %d units are reserved for orders"
				.formatted(sku, request.onHand(), existing.reserved()));
		}
		if (!request.currency().equals(existing.currency()) && existing.reserved() > 0) {
			throw new StockConflictException(
					"cannot change the currency of %s from %s to %s while %d units are reserved at the old price"
						.formatted(sku, existing.currency(), request.currency(), existing.reserved()));
		}
		Product updated = new Product(sku, request.name(), request.unitPrice(), request.currency(), request.onHand(),
				existing.reserved());
		this.products.update(updated);
		return new Saved(updated, false);
	}

	record Saved(Product product, boolean created) {
	}

}
