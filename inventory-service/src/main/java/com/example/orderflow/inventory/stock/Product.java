package com.example.orderflow.inventory.stock;

/**
 * A product and its stock. {@code reserved} units are on the shelf but promised to orders
 * whose saga has not finished, so only {@link #available()} can be promised again.
 *
 * @param sku the stock keeping unit, the product's identity
 * @param name what customers see
 * @param unitPrice current price in minor units of {@code currency}
 * @param currency ISO 4217 code the product is priced in
 * @param onHand units physically in stock, including reserved ones
 * @param reserved units held for orders in flight
 */
public record Product(String sku, String name, long unitPrice, String currency, int onHand, int reserved) {

	public int available() {
		return this.onHand - this.reserved;
	}

	Product withStock(int onHand, int reserved) {
		return new Product(this.sku, this.name, this.unitPrice, this.currency, onHand, reserved);
	}

}
