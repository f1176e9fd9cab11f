package com.example.orderflow.order.orders;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.example.orderflow.contracts.OrderItem;
import com.example.orderflow.contracts.RejectionReason;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Orders and their lines in PostgreSQL. Reads are open to the web layer; every write
 * stays in this package, behind the placement and the saga's verdict.
 */
@Repository
public class OrderRepository {

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
	 * Locks the order until the transaction ends, so two deliveries of the saga's verdict
	 * (a rebalance, a re-sent command) are applied one after the other.
	 */
	Optional<Order> findByIdForUpdate(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from orders where id = :id for update")
			.param("id", id)
			.query(OrderRepository::mapOrder)
			.optional()
			.map(this::withLines);
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
	 * Inserts a pending order and its lines, unless the customer already used the key
	 * (keys are the customer's own: another customer's key is never looked at).
	 * PostgreSQL makes a concurrent insert with the same key wait for the first one's
	 * outcome, so of many identical requests exactly one gets {@code true}.
	 * @return false when the key was taken: nothing was written
	 */
	boolean insertIfNew(UUID id, UUID sagaId, String idempotencyKey, String requestHash, PlaceOrder request,
			String placedBy) {
		int inserted = this.jdbc.sql("""
				insert into orders (id, saga_id, customer_id, currency, status, idempotency_key, request_hash,
				                    placed_by)
				values (:id, :sagaId, :customerId, :currency, 'PENDING', :key, :hash, :placedBy)
				on conflict (customer_id, idempotency_key) do nothing""")
			.param("id", id)
			.param("placedBy", placedBy)
			.param("sagaId", sagaId)
			.param("customerId", request.customerId())
			.param("currency", request.currency())
			.param("key", idempotencyKey)
			.param("hash", requestHash)
			.update();
		if (inserted == 0) {
			return false;
		}
		this.jdbc.sql("""
				insert into order_lines (order_id, line_no, sku, quantity)
				select :orderId, line.line_no, line.sku, line.quantity
				from unnest(:skus, :quantities) with ordinality as line (sku, quantity, line_no)""")
			.param("orderId", id)
			.param("skus", request.items().stream().map(OrderItem::sku).toArray(String[]::new))
			.param("quantities", request.items().stream().map(OrderItem::quantity).toArray(Integer[]::new))
			.update();
		return true;
	}

	/** Stores the saga's verdict on a pending order locked by this transaction. */
	void saveDecision(Order order) {
		int updated = this.jdbc.sql("""
				update orders set status = :status, reason = :reason, total = :total, updated_at = now()
				where id = :id and status = 'PENDING'""")
			.param("id", order.id())
			.param("status", order.status().name())
			.param("reason", (order.reason() != null) ? order.reason().name() : null, Types.VARCHAR)
			.param("total", order.total(), Types.BIGINT)
			.update();
		if (updated != 1) {
			throw new IllegalStateException("Order " + order.id() + " is no longer pending");
		}
		List<OrderLine> priced = order.lines().stream().filter((line) -> line.unitPrice() != null).toList();
		if (!priced.isEmpty()) {
			this.jdbc.sql("""
					update order_lines set unit_price = priced.unit_price
					from unnest(:lineNos, :unitPrices) as priced (line_no, unit_price)
					where order_lines.order_id = :orderId and order_lines.line_no = priced.line_no""")
				.param("orderId", order.id())
				.param("lineNos", priced.stream().map(OrderLine::lineNo).toArray(Integer[]::new))
				.param("unitPrices", priced.stream().map(OrderLine::unitPrice).toArray(Long[]::new))
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
				where order_id in (:ids) order by order_id, line_no""")
			.param("ids", orders.stream().map(Order::id).toList())
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
