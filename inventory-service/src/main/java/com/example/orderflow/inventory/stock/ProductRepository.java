package com.example.orderflow.inventory.stock;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import com.example.orderflow.messaging.BeforeCommit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Products and their stock counters. Stock moves only on products the transaction has
 * locked, and each move checks its condition first, so no caller can push a counter below
 * zero or reserve more than is on the shelf: a move that does not fit fails loudly. The
 * moves are applied in memory and written with one statement for all moved products just
 * before the transaction commits ({@link StockInTransaction}); the table's check
 * constraints stay the last guard.
 */
@Repository
public class ProductRepository {

	private static final String COLUMNS = "sku, name, unit_price, currency, on_hand, reserved";

	private static final String IN_TRANSACTION = ProductRepository.class.getName() + ".stockInTransaction";

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
	 * Locks the products until the transaction ends, those not locked yet with one
	 * statement. Always in sku order, so two transactions locking overlapping products
	 * queue up instead of deadlocking.
	 * @return the products that exist, sorted by sku, with this transaction's moves
	 * applied
	 */
	public List<Product> lockAll(Collection<String> skus) {
		StockInTransaction current = inTransaction();
		String[] toLock = skus.stream()
			.filter((sku) -> !current.isLocked(sku))
			.distinct()
			.sorted()
			.toArray(String[]::new);
		if (toLock.length > 0) {
			this.jdbc.sql("select " + COLUMNS + " from products where sku = any(?) order by sku for update")
				.param(toLock)
				.query(ProductRepository::map)
				.list()
				.forEach(current::locked);
		}
		return skus.stream().distinct().sorted().map(current::product).filter(Objects::nonNull).toList();
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
		move(sku, quantity, "reserve", (product) -> product.available() >= quantity,
				(product) -> product.withStock(product.onHand(), Math.addExact(product.reserved(), quantity)));
	}

	/** Reserved units leave the shelf for good: the order was approved. */
	public void takeReserved(String sku, int quantity) {
		move(sku, quantity, "take reserved", (product) -> product.reserved() >= quantity,
				(product) -> product.withStock(product.onHand() - quantity, product.reserved() - quantity));
	}

	/** Units promised to an order become available again. */
	public void unreserve(String sku, int quantity) {
		move(sku, quantity, "unreserve", (product) -> product.reserved() >= quantity,
				(product) -> product.withStock(product.onHand(), product.reserved() - quantity));
	}

	/** Units that had left the shelf come back, for an order undone after approval. */
	public void putBack(String sku, int quantity) {
		move(sku, quantity, "put back", (product) -> true,
				(product) -> product.withStock(Math.addExact(product.onHand(), quantity), product.reserved()));
	}

	private void move(String sku, int quantity, String what, Predicate<Product> fits, UnaryOperator<Product> moved) {
		if (quantity <= 0) {
			throw new IllegalArgumentException("cannot " + what + " " + quantity + " units of " + sku);
		}
		StockInTransaction current = inTransaction();
		if (!current.isLocked(sku)) {
			lockAll(List.of(sku));
		}
		Product product = current.product(sku);
		if (product == null || !fits.test(product)) {
			throw new IllegalStateException("stock of "
					+ sku + " cannot " + what + " " + quantity + " units (" + ((product != null)
							? product.onHand() + " on hand, " + product.reserved() + " reserved" : "no such product")
					+ ")");
		}
		current.moved(moved.apply(product));
	}

	private StockInTransaction inTransaction() {
		return BeforeCommit.buffer(IN_TRANSACTION, StockInTransaction::new, this::store);
	}

	private void store(StockInTransaction stock) {
		Collection<Product> moved = stock.movedProducts();
		if (moved.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				update products set on_hand = moved.on_hand, reserved = moved.reserved, updated_at = now()
				from unnest(?::text[], ?::int[], ?::int[]) as moved (sku, on_hand, reserved)
				where products.sku = moved.sku""")
			.params(moved.stream().map(Product::sku).toArray(String[]::new),
					moved.stream().map(Product::onHand).toArray(Integer[]::new),
					moved.stream().map(Product::reserved).toArray(Integer[]::new))
			.update();
	}

	private static Product map(ResultSet rs, int row) throws SQLException {
		return new Product(rs.getString("sku"), rs.getString("name"), rs.getLong("unit_price"),
				rs.getString("currency"), rs.getInt("on_hand"), rs.getInt("reserved"));
	}

}
