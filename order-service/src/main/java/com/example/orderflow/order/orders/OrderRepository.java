package com.example.orderflow.order.orders;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.example.orderflow.contracts.RejectionReason;
import com.example.orderflow.messaging.BeforeCommit;
import com.example.orderflow.messaging.LockedRows;
import com.example.orderflow.messaging.SqlColumns;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Orders and their lines in PostgreSQL. Reads are open to the web layer; every write
 * stays in this package, behind the placement and the saga's verdict.
 */
@Repository
public class OrderRepository {

	private static final String IN_TRANSACTION = OrderRepository.class.getName() + ".inTransaction";

	private static final String COLUMNS = "id, saga_id, customer_id, currency, status, reason, total, created_at, updated_at, placed_by";

	private final JdbcClient jdbc;

	OrderRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Order> findById(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from orders where id = :id")
			.param("id", id)
			.query(OrderRepository::mapOrder)
			.optional()
			.map(this::withLines);
	}

	/** Newest first; {@code customerId} and {@code status} filter when not null. */
	public OrderPage findPage(String customerId, OrderStatus status, int page, int size) {
		List<String> conditions = new ArrayList<>();
		Map<String, Object> params = new HashMap<>();
		if (customerId != null) {
			conditions.add("customer_id = :customerId");
			params.put("customerId", customerId);
		}
		if (status != null) {
			conditions.add("status = :status");
			params.put("status", status.name());
		}
		String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
		long total = this.jdbc.sql("select count(*) from orders" + where).params(params).query(Long.class).single();
		List<Order> orders = this.jdbc
			.sql("select " + COLUMNS + " from orders" + where
					+ " order by created_at desc, id desc limit :limit offset :offset")
			.params(params)
			.param("limit", size)
			.param("offset", (long) page * size)
			.query(OrderRepository::mapOrder)
			.list();
		return new OrderPage(withLines(orders), page, size, total);
	}

	/**
	 * Locks these orders until the transaction ends, with one statement for those this
	 * transaction has not looked up yet, in id order, so two transactions never wait on
	 * each other in a cycle: two deliveries of the saga's verdict (a rebalance, a re-sent
	 * command) are applied one after the other. {@link #findByIdForUpdate} answers from
	 * what they locked.
	 */
	void lockAll(Collection<UUID> ids) {
		inTransaction().locked()
			.lock(ids,
					(toLock) -> withLines(this.jdbc
						.sql("select " + COLUMNS + " from orders where id = any(?::uuid[]) order by id for update")
						.param(SqlColumns.of(toLock, UUID::toString))
						.query(OrderRepository::mapOrder)
						.list()),
					Order::id);
	}

	/**
	 * Locks the order until the transaction ends, if it exists (see {@link #lockAll}).
	 */
	Optional<Order> findByIdForUpdate(UUID id) {
		LockedRows<UUID, Order> locked = inTransaction().locked();
		if (!locked.isLookedUp(id)) {
			lockAll(List.of(id));
		}
		return locked.get(id);
	}

	Optional<KeyedOrder> findByIdempotencyKey(String customerId, String idempotencyKey) {
		return this.jdbc.sql(
				"select id, status, request_hash from orders where customer_id = :customerId and idempotency_key = :key")
			.param("customerId", customerId)
			.param("key", idempotencyKey)
			.query((rs, n) -> new KeyedOrder(rs.getObject("id", UUID.class),
					OrderStatus.valueOf(rs.getString("status")), rs.getString("request_hash")))
			.optional();
	}

	/**
	 * Inserts new orders and their lines in one statement, skipping each whose customer
	 * already used its idempotency key: earlier, earlier in this batch, or in a
	 * transaction not yet committed, whose outcome PostgreSQL waits for. Keys are the
	 * customer's own: another customer's key is never looked at.
	 * @return the ids of the orders inserted; an order missing from them wrote nothing
	 */
	Set<UUID> insertAllIfNew(List<NewOrder> orders) {
		List<NewOrder.NewLine> lines = orders.stream().flatMap(NewOrder::lines).toList();
		// one round trip: PostgreSQL runs both inserts whether or not the query reads
		// them
		return new HashSet<>(this.jdbc.sql("""
				with placed as (
				    insert into orders (id, saga_id, customer_id, currency, status, idempotency_key, request_hash,
				                        placed_by)
				    select id, saga_id, customer_id, currency, 'PENDING', idempotency_key, request_hash, placed_by
				    from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
				        as new (id, saga_id, customer_id, currency, idempotency_key, request_hash, placed_by)
				    on conflict (customer_id, idempotency_key) do nothing
				    returning id
				), lines as (
				    insert into order_lines (order_id, line_no, sku, quantity)
				    select line.order_id, line.line_no, line.sku, line.quantity
				    from unnest(?::uuid[], ?::int[], ?::text[], ?::int[]) as line (order_id, line_no, sku, quantity)
				    where line.order_id in (select id from placed)
				)
				select id from placed""")
			.params(SqlColumns.of(orders, NewOrder::id), SqlColumns.of(orders, NewOrder::sagaId),
					SqlColumns.of(orders, NewOrder::customerId), SqlColumns.of(orders, NewOrder::currency),
					SqlColumns.of(orders, NewOrder::idempotencyKey), SqlColumns.of(orders, NewOrder::requestHash),
					SqlColumns.of(orders, NewOrder::placedBy), SqlColumns.of(lines, NewOrder.NewLine::orderId),
					SqlColumns.of(lines, NewOrder.NewLine::lineNo), SqlColumns.of(lines, NewOrder.NewLine::sku),
					SqlColumns.of(lines, NewOrder.NewLine::quantity))
			.query(UUID.class)
			.list());
	}

	/**
	 * The saga's verdict on a pending order locked by this transaction, stored just
	 * before it commits, with the verdicts of the rest of its batch.
	 * @throws IllegalStateException if the order is not pending in this transaction
	 */
	void saveDecision(Order order) {
		inTransaction().decided(order);
	}

	private OrdersInTransaction inTransaction() {
		return BeforeCommit.buffer(IN_TRANSACTION, OrdersInTransaction::new, this::store);
	}

	private void store(OrdersInTransaction writes) {
		Collection<Order> decided = writes.decided();
		if (decided.isEmpty()) {
			return;
		}
		int updated = this.jdbc.sql("""
				update orders set status = decided.status, reason = decided.reason, total = decided.total,
				                  updated_at = now()
				from unnest(?::uuid[], ?::text[], ?::text[], ?::bigint[]) as decided (id, status, reason, total)
				where orders.id = decided.id and orders.status = 'PENDING'""")
			.params(SqlColumns.of(decided, Order::id), SqlColumns.of(decided, Order::status),
					SqlColumns.of(decided, Order::reason), decided.stream().map(Order::total).toArray(Long[]::new))
			.update();
		if (updated != decided.size()) {
			// the rows are locked by this transaction: another writer is a bug
			throw new IllegalStateException((decided.size() - updated) + " of " + decided.size()
					+ " decided orders were no longer pending when stored");
		}
		List<UUID> lineOrders = new ArrayList<>();
		List<OrderLine> priced = new ArrayList<>();
		for (Order order : decided) {
			for (OrderLine line : order.lines()) {
				if (line.unitPrice() != null) {
					lineOrders.add(order.id());
					priced.add(line);
				}
			}
		}
		if (!priced.isEmpty()) {
			this.jdbc.sql("""
					update order_lines set unit_price = priced.unit_price
					from unnest(?::uuid[], ?::int[], ?::bigint[]) as priced (order_id, line_no, unit_price)
					where order_lines.order_id = priced.order_id and order_lines.line_no = priced.line_no""")
				.params(SqlColumns.of(lineOrders, UUID::toString),
						priced.stream().map(OrderLine::lineNo).toArray(Integer[]::new),
						priced.stream().map(OrderLine::unitPrice).toArray(Long[]::new))
				.update();
		}
	}

	private Order withLines(Order order) {
		return withLines(List.of(order)).get(0);
	}

	private List<Order> withLines(List<Order> orders) {
		if (orders.isEmpty()) {
			return orders;
		}
		Map<UUID, List<OrderLine>> linesByOrder = new LinkedHashMap<>();
		this.jdbc.sql("""
				select order_id, line_no, sku, quantity, unit_price from order_lines
				where order_id = any(?::uuid[]) order by order_id, line_no""")
			// one array, not a list expanded to one parameter each: one statement text
			// whatever the number of orders, which the server plans once
			.param(SqlColumns.of(orders, Order::id))
			.query((rs) -> {
				linesByOrder.computeIfAbsent(rs.getObject("order_id", UUID.class), (id) -> new ArrayList<>())
					.add(new OrderLine(rs.getInt("line_no"), rs.getString("sku"), rs.getInt("quantity"),
							rs.getObject("unit_price", Long.class)));
			});
		return orders.stream()
			.map((order) -> new Order(order.id(), order.sagaId(), order.customerId(), order.currency(), order.status(),
					order.reason(), order.total(), linesByOrder.getOrDefault(order.id(), List.of()), order.createdAt(),
					order.updatedAt(), order.placedBy()))
			.toList();
	}

	private static Order mapOrder(ResultSet rs, int rowNum) throws SQLException {
		String reason = rs.getString("reason");
		return new Order(rs.getObject("id", UUID.class), rs.getObject("saga_id", UUID.class),
				rs.getString("customer_id"), rs.getString("currency"), OrderStatus.valueOf(rs.getString("status")),
				(reason != null) ? RejectionReason.valueOf(reason) : null, rs.getObject("total", Long.class), List.of(),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getString("placed_by"));
	}

	/** Just enough of an order to answer a retried placement. */
	record KeyedOrder(UUID id, OrderStatus status, String requestHash) {

	}

}
