package com.example.orderflow.inventory.reservation;

import java.util.UUID;

import com.example.orderflow.inventory.stock.Product;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Sets up and reads the service's tables directly, for arranging and asserting. */
record InventoryTables(JdbcClient jdbc) {

	void insert(Product product) {
		this.jdbc
			.sql("insert into products (sku, name, unit_price, currency, on_hand, reserved) values (?, ?, ?, ?, ?, ?)")
			.params(product.sku(), product.name(), product.unitPrice(), product.currency(), product.onHand(),
					product.reserved())
			.update();
	}

	Product product(String sku) {
		return this.jdbc.sql("select sku, name, unit_price, currency, on_hand, reserved from products where sku = ?")
			.param(sku)
			.query((rs, row) -> new Product(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
					rs.getInt(5), rs.getInt(6)))
			.single();
	}

	String reservationStatus(UUID orderId) {
		return this.jdbc.sql("select status from reservations where order_id = ?")
			.param(orderId)
			.query(String.class)
			.optional()
			.orElse("MISSING");
	}

	int reservationLines(UUID orderId) {
		return this.jdbc.sql("select count(*) from reservation_lines where order_id = ?")
			.param(orderId)
			.query(Integer.class)
			.single();
	}

	/**
	 * Units on the shelf plus units shipped to confirmed orders: reserving, confirming
	 * and releasing only move units between the two, so this never changes.
	 */
	int onHandPlusConfirmed(String sku) {
		return this.jdbc.sql("""
				select p.on_hand + coalesce((select sum(l.quantity) from reservation_lines l
				    join reservations r on r.order_id = l.order_id
				    where l.sku = p.sku and r.status = 'CONFIRMED'), 0)
				from products p where p.sku = ?""").param(sku).query(Integer.class).single();
	}

	/** What the reservations in state RESERVED hold of a product. */
	int heldByReservations(String sku) {
		return this.jdbc.sql("""
				select coalesce(sum(l.quantity), 0) from reservation_lines l
				    join reservations r on r.order_id = l.order_id
				where l.sku = ? and r.status = 'RESERVED'""").param(sku).query(Integer.class).single();
	}

}
