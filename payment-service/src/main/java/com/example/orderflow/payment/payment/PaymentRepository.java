package com.example.orderflow.payment.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.example.orderflow.contracts.Money;
import com.example.orderflow.messaging.MessagePrincipal;
import com.example.orderflow.messaging.Tracing;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PaymentRepository {

	private static final String COLUMNS = "order_id, saga_id, customer_id, amount, currency, status, decline_reason, "
			+ "failure_reason, provider_contacted, created_at, updated_at";

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
	 * Locks the payments of these orders in one statement, in key order so that two
	 * transactions locking overlapping sets cannot deadlock.
	 */
	Map<UUID, Payment> findAllForUpdate(Collection<UUID> orderIds) {
		Map<UUID, Payment> payments = new HashMap<>();
		this.jdbc.sql("select " + COLUMNS + " from payments where order_id = any(?) order by order_id for update")
			.param(orderIds.toArray(UUID[]::new))
			.query(PaymentRepository::payment)
			.list()
			.forEach((payment) -> payments.put(payment.orderId(), payment));
		return payments;
	}

	/**
	 * @return false if the order has a payment already: another instance recorded one
	 * after this transaction looked (the insert waited for that transaction to commit)
	 */
	boolean insert(Payment payment, Due due) {
		return this.jdbc
			.sql("insert into payments (order_id, saga_id, customer_id, amount, currency, status, decline_reason, "
					+ "created_at, updated_at, due_at, trace_parent, principal) values (:orderId, :sagaId, :customerId, "
					+ ":amount, :currency, :status, :declineReason, :createdAt, :updatedAt, "
					+ "case when :due = 'NOW' then now() end, :traceParent, :principal) on conflict (order_id) do nothing")
			.param("due", due.name())
			.param("traceParent", Tracing.currentTraceParent())
			.param("principal", MessagePrincipal.current())
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

	void update(Payment payment, Due due) {
		this.jdbc
			.sql("update payments set status = :status, decline_reason = :declineReason, "
					+ "failure_reason = :failureReason, provider_contacted = :providerContacted, "
					+ "updated_at = :updatedAt, due_at = case :due when 'NOW' then now() when 'NONE' then null "
					+ "else due_at end, trace_parent = case :due when 'NOW' then :traceParent else trace_parent end, "
					+ "principal = case :due when 'NOW' then :principal else principal end where order_id = :orderId")
			.param("traceParent", Tracing.currentTraceParent())
			.param("principal", MessagePrincipal.current())
			.param("status", payment.status().name())
			.param("declineReason", (payment.declineReason() != null) ? payment.declineReason().name() : null)
			.param("failureReason", payment.failureReason())
			.param("providerContacted", payment.providerContacted())
			.param("due", due.name())
			.param("updatedAt", timestamp(payment.updatedAt()))
			.param("orderId", payment.orderId())
			.update();
	}

	/**
	 * Takes up to {@code limit} payments whose provider call is due and leases them for
	 * {@code lease}: another instance skips them until then, and takes them over if this
	 * one dies mid-call. A claimed capture counts as having reached the provider from now
	 * on, for the same reason.
	 * @return the payments as they were before the lease
	 */
	List<Claimed> claimDue(int limit, Duration lease) {
		return this.jdbc.sql("""
				with due as (
				    select order_id, provider_contacted from payments
				    where due_at <= now() and status in ('CAPTURING', 'REFUNDING')
				    order by due_at limit :limit for update skip locked)
				update payments p set due_at = now() + make_interval(secs => :lease),
				    provider_contacted = p.provider_contacted or p.status = 'CAPTURING'
				from due where p.order_id = due.order_id
				returning p.order_id, p.saga_id, p.customer_id, p.amount, p.currency, p.status, p.decline_reason,
				    p.failure_reason, due.provider_contacted, p.created_at, p.updated_at, p.trace_parent, p.principal
				""")
			.param("limit", limit)
			.param("lease", lease.toMillis() / 1000.0)
			.query((rs, n) -> new Claimed(payment(rs, n), rs.getString("trace_parent"), rs.getString("principal")))
			.list();
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
				(declineReason != null) ? DeclineReason.valueOf(declineReason) : null, rs.getString("failure_reason"),
				rs.getBoolean("provider_contacted"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant());
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/**
	 * A payment leased for its provider call, with the trace of the command that made the
	 * call due.
	 */
	/**
	 * @param traceParent the trace of the command that made the payment due
	 * @param principal who that command was sent for ({@link MessagePrincipal})
	 */
	record Claimed(Payment payment, @Nullable String traceParent, @Nullable String principal) {
	}

	/** What happens to the payment's provider call when a row is written. */
	enum Due {

		/** The settlement worker calls the provider as soon as it can. */
		NOW,

		/** Nothing to call. */
		NONE,

		/** Leave it: a call leased by a worker finishes first. */
		UNCHANGED

	}

}
