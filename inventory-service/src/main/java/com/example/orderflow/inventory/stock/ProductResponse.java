package com.example.orderflow.inventory.stock;

record ProductResponse(String sku, String name, long unitPrice, String currency, int onHand, int reserved,
		int available) {

	static ProductResponse of(Product product) {
		return new ProductResponse(product.sku(), product.name(), product.unitPrice(), product.currency(),
				product.onHand(), product.reserved(), product.available());
	}

}
