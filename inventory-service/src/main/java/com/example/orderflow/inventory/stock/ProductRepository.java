package com.example.orderflow.inventory.stock;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Products and their stock counters. Stock moves only through conditional updates, so a
 * caller that forgot to lock cannot push a counter below zero or reserve more than is on
 * the shelf: the update finds no row and fails loudly.
 */
@Repository
public class ProductRepository {

	private static final String COLUMNS = "sku, name, unit_price, currency, on_hand, reserved";

	private final JdbcClient jdbc;

	ProductRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Product> findAll() {
		return this.jdbc.sql("select " + COLUMNS + " from products order by sku").query(ProductRepository::map).list();
	}

	Optional<Product> find(String sku) {
		return this.jdbc.sql("select " + COLUMNS + " from products where sku = ?")
			.param(sku)
			.query(ProductRepository::map)
			.optional();
	}

	Optional<Product> findForUpdate(String sku) {
		return this.jdbc.sql("select " + COLUMNS + " from products where sku = ? for update")
			.param(sku)
			.query(ProductRepository::map)
			.optional();
	}

	/**
	 * Locks the products until the transaction ends. Always in sku order, so two
	 * transactions locking overlapping products queue up instead of deadlocking.
	 * @return the products that exist, sorted by sku
	 */
	public List<Product> lockAll(Collection<String> skus) {
		return this.jdbc.sql("select " + COLUMNS + " from products where sku = any(?) order by sku for update")
			.param(skus.toArray(String[]::new))
			.query(ProductRepository::map)
			.list();
	}

	/**
	 * @return false if the sku exists already (a concurrent request created it)
	 */
	boolean insert(Product product) {
		return this.jdbc
			.sql("insert into products (sku, name, unit_price, currency, on_hand, reserved) "
					+ "values (?, ?, ?, ?, ?, 0) on conflict (sku) do nothing")
			.params(product.sku(), product.name(), product.unitPrice(), product.currency(), product.onHand())
			.update() == 1;
	}

	void update(Product product) {
		this.jdbc
			.sql("update products set name = ?, unit_price = ?, currency = ?, on_hand = ?, updated_at = now() "
					+ "where sku = ?")
			.params(product.name(), product.unitPrice(), product.currency(), product.onHand(), product.sku())
			.update();
	}

	/** Promises available units to an order; they stay on the shelf. */
	public void reserve(String sku, int quantity) {
		move(sku, quantity, "reserved = reserved + :quantity", "on_hand - reserved >= :quantity");
	}

	/** Reserved units leave the shelf for good: the order was approved. */
	public void takeReserved(String sku, int quantity) {
		move(sku, quantity, "on_hand = on_hand - :quantity, reserved = reserved - :quantity", "reserved >= :quantity");
	}

	/** Units promised to an order become available again. */
	public void unreserve(String sku, int quantity) {
		move(sku, quantity, "reserved = reserved - :quantity", "reserved >= :quantity");
	}

	/** Units that had left the shelf come back, for an order undone after approval. */
	public void putBack(String sku, int quantity) {
		move(sku, quantity, "on_hand = on_hand + :quantity", "true");
	}

	private void move(String sku, int quantity, String set, String condition) {
		int updated = this.jdbc
			.sql("update products set " + set + ", updated_at = now() where sku = :sku and " + condition)
			.param("sku", sku)
			.param("quantity", quantity)
			.update();
		if (updated != 1) {
			throw new IllegalStateException(
					"stock of " + sku + " cannot move by " + quantity + " (" + set + " where " + condition + ")");
		}
	}

	private static Product map(ResultSet rs, int row) throws SQLException {
		return new Product(rs.getString("sku"), rs.getString("name"), rs.getLong("unit_price"),
				rs.getString("currency"), rs.getInt("on_hand"), rs.getInt("reserved"));
	}

}
