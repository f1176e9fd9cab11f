package com.example.orderflow.payment.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.example.orderflow.contracts.Money;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PaymentRepository {

	private static final String COLUMNS = "order_id, saga_id, customer_id, amount, currency, status, decline_reason, "
			+ "created_at, updated_at";

	/** Enough for an operator's screen; the API is for looking up, not for exporting. */
	private static final int MAX_RESULTS = 500;

	private final JdbcClient jdbc;

	PaymentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Locks the order's payment, so a command handled twice at once (after a rebalance)
	 * waits for the first to commit and then sees its outcome.
	 */
	Optional<Payment> findForUpdate(UUID orderId) {
		return this.jdbc.sql("select " + COLUMNS + " from payments where order_id = ? for update")
			.param(orderId)
			.query(PaymentRepository::payment)
			.optional();
	}

	/**
	 * @return false if the order has a payment already: another instance recorded one
	 * after this transaction looked (the insert waited for that transaction to commit)
	 */
	boolean insert(Payment payment) {
		return this.jdbc
			.sql("insert into payments (order_id, saga_id, customer_id, amount, currency, status, decline_reason, "
					+ "created_at, updated_at) values (:orderId, :sagaId, :customerId, :amount, :currency, :status, "
					+ ":declineReason, :createdAt, :updatedAt) on conflict (order_id) do nothing")
			.param("orderId", payment.orderId())
			.param("sagaId", payment.sagaId())
			.param("customerId", payment.customerId())
			.param("amount", payment.amount().amount())
			.param("currency", payment.amount().currency())
			.param("status", payment.status().name())
			.param("declineReason", (payment.declineReason() != null) ? payment.declineReason().name() : null)
			.param("createdAt", timestamp(payment.createdAt()))
			.param("updatedAt", timestamp(payment.updatedAt()))
			.update() == 1;
	}

	void updateStatus(Payment payment) {
		this.jdbc
			.sql("update payments set status = :status, decline_reason = :declineReason, updated_at = :updatedAt "
					+ "where order_id = :orderId")
			.param("status", payment.status().name())
			.param("declineReason", (payment.declineReason() != null) ? payment.declineReason().name() : null)
			.param("updatedAt", timestamp(payment.updatedAt()))
			.param("orderId", payment.orderId())
			.update();
	}

	/** Payments matching every given filter, newest first. */
	List<Payment> find(@Nullable UUID orderId, @Nullable String customerId) {
		List<String> conditions = new ArrayList<>();
		if (orderId != null) {
			conditions.add("order_id = :orderId");
		}
		if (customerId != null) {
			conditions.add("customer_id = :customerId");
		}
		String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
		JdbcClient.StatementSpec query = this.jdbc
			.sql("select " + COLUMNS + " from payments" + where + " order by created_at desc, order_id limit :limit")
			.param("limit", MAX_RESULTS);
		if (orderId != null) {
			query = query.param("orderId", orderId);
		}
		if (customerId != null) {
			query = query.param("customerId", customerId);
		}
		return query.query(PaymentRepository::payment).list();
	}

	private static Payment payment(ResultSet rs, int row) throws SQLException {
		String declineReason = rs.getString("decline_reason");
		return new Payment(rs.getObject("order_id", UUID.class), rs.getObject("saga_id", UUID.class),
				rs.getString("customer_id"), new Money(rs.getLong("amount"), rs.getString("currency")),
				PaymentStatus.valueOf(rs.getString("status")),
				(declineReason != null) ? DeclineReason.valueOf(declineReason) : null,
				rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant());
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
