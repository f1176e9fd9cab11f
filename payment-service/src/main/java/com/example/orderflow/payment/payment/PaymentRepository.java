package com.example.orderflow.payment.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import com.example.orderflow.contracts.Money;
import com.example.orderflow.messaging.BeforeCommit;
import com.example.orderflow.messaging.LockedRows;
import com.example.orderflow.messaging.MessagePrincipal;
import com.example.orderflow.messaging.SqlColumns;
import com.example.orderflow.messaging.Tracing;
import com.example.orderflow.payment.payment.PaymentsInTransaction.Write;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PaymentRepository {

	private static final String IN_TRANSACTION = PaymentRepository.class.getName() + ".inTransaction";

	private static final Comparator<Write> BY_ORDER = Comparator.comparing((write) -> write.payment().orderId());

	private static final String COLUMNS = "order_id, saga_id, customer_id, amount, currency, status, decline_reason, "
			+ "failure_reason, provider_contacted, created_at, updated_at";

	/** Enough for an operator's screen; the API is for looking up, not for exporting. */
	private static final int MAX_RESULTS = 500;

	private final JdbcClient jdbc;

	PaymentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Locks the order's payment until the transaction ends, so a command handled twice at
	 * once (after a rebalance) waits for the first to commit and then sees its outcome.
	 * Answers from what this transaction locked and wrote already (see {@link #lockAll}).
	 */
	Optional<Payment> findForUpdate(UUID orderId) {
		LockedRows<UUID, Payment> locked = inTransaction().locked();
		if (!locked.isLookedUp(orderId)) {
			lockAll(List.of(orderId));
		}
		return locked.get(orderId);
	}

	/**
	 * Locks the payments of these orders in one statement, in key order so that two
	 * transactions locking overlapping sets cannot deadlock; {@link #findForUpdate} then
	 * answers from memory.
	 */
	void lockAll(Collection<UUID> orderIds) {
		inTransaction().locked()
			.lock(orderIds,
					(toLock) -> this.jdbc
						.sql("select " + COLUMNS
								+ " from payments where order_id = any(?::uuid[]) order by order_id for update")
						.param(SqlColumns.of(toLock, UUID::toString))
						.query(PaymentRepository::payment)
						.list(),
					Payment::orderId);
	}

	/** The payments of these orders that exist, locked as {@link #lockAll} does. */
	Map<UUID, Payment> findAllForUpdate(Collection<UUID> orderIds) {
		lockAll(orderIds);
		LockedRows<UUID, Payment> locked = inTransaction().locked();
		Map<UUID, Payment> payments = new HashMap<>();
		orderIds.forEach((id) -> locked.get(id).ifPresent((payment) -> payments.put(id, payment)));
		return payments;
	}

	/**
	 * A new payment, stored with the rest of the transaction's just before it commits, in
	 * the current trace and for the current principal.
	 * @return false if the order has a payment in this transaction already. One that
	 * another instance commits meanwhile fails the commit as a
	 * {@link ConcurrencyFailureException}, which rolls back this transaction and its
	 * debit, so that the retried batch finds that payment.
	 */
	boolean insert(Payment payment, Due due) {
		return inTransaction()
			.insert(new Write(payment, due, true, Tracing.currentTraceParent(), MessagePrincipal.current()));
	}

	/**
	 * A changed payment, locked by this transaction, stored just before it commits. A
	 * call made due ({@link Due#NOW}) carries the current trace and principal.
	 */
	void update(Payment payment, Due due) {
		boolean traced = due == Due.NOW;
		inTransaction().update(new Write(payment, due, traced, traced ? Tracing.currentTraceParent() : null,
				traced ? MessagePrincipal.current() : null));
	}

	private PaymentsInTransaction inTransaction() {
		return BeforeCommit.buffer(IN_TRANSACTION, PaymentsInTransaction::new, this::store);
	}

	private void store(PaymentsInTransaction writes) {
		insertAll(writes.inserted().stream().sorted(BY_ORDER).toList());
		updateAll(writes.updated().stream().sorted(BY_ORDER).toList());
	}

	private void insertAll(List<Write> writes) {
		if (writes.isEmpty()) {
			return;
		}
		int inserted = this.jdbc.sql("""
				insert into payments (order_id, saga_id, customer_id, amount, currency, status, decline_reason,
				                      failure_reason, provider_contacted, created_at, updated_at, due_at, trace_parent,
				                      principal)
				select order_id, saga_id, customer_id, amount, currency, status, decline_reason, failure_reason,
				       provider_contacted, created_at, updated_at, case when due = 'NOW' then now() end, trace_parent,
				       principal
				from unnest(?::uuid[], ?::uuid[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[],
				            ?::boolean[], ?::timestamptz[], ?::timestamptz[], ?::text[], ?::text[], ?::text[])
				    as new (order_id, saga_id, customer_id, amount, currency, status, decline_reason, failure_reason,
				            provider_contacted, created_at, updated_at, due, trace_parent, principal)
				on conflict (order_id) do nothing""")
			.params(columns(writes, Payment::orderId), columns(writes, Payment::sagaId),
					columns(writes, Payment::customerId), columns(writes, (payment) -> payment.amount().amount()),
					columns(writes, (payment) -> payment.amount().currency()), columns(writes, Payment::status),
					columns(writes, Payment::declineReason), columns(writes, Payment::failureReason),
					columns(writes, Payment::providerContacted), columns(writes, Payment::createdAt),
					columns(writes, Payment::updatedAt), SqlColumns.of(writes, Write::due),
					SqlColumns.of(writes, Write::traceParent), SqlColumns.of(writes, Write::principal))
			.update();
		if (inserted != writes.size()) {
			throw new ConcurrencyFailureException((writes.size() - inserted)
					+ " orders got a payment from a concurrent transaction while this one charged or refunded them");
		}
	}

	private void updateAll(List<Write> writes) {
		if (writes.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				update payments set status = changed.status, decline_reason = changed.decline_reason,
				    failure_reason = changed.failure_reason, provider_contacted = changed.provider_contacted,
				    updated_at = changed.updated_at,
				    due_at = case changed.due when 'NOW' then now() when 'NONE' then null else payments.due_at end,
				    trace_parent = case when changed.traced then changed.trace_parent else payments.trace_parent end,
				    principal = case when changed.traced then changed.principal else payments.principal end
				from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::timestamptz[], ?::text[],
				            ?::boolean[], ?::text[], ?::text[])
				    as changed (order_id, status, decline_reason, failure_reason, provider_contacted, updated_at, due,
				                traced, trace_parent, principal)
				where payments.order_id = changed.order_id""")
			.params(columns(writes, Payment::orderId), columns(writes, Payment::status),
					columns(writes, Payment::declineReason), columns(writes, Payment::failureReason),
					columns(writes, Payment::providerContacted), columns(writes, Payment::updatedAt),
					SqlColumns.of(writes, Write::due), SqlColumns.of(writes, Write::traced),
					SqlColumns.of(writes, Write::traceParent), SqlColumns.of(writes, Write::principal))
			.update();
	}

	private static @Nullable String[] columns(List<Write> writes, Function<Payment, @Nullable Object> value) {
		return SqlColumns.of(writes, (write) -> value.apply(write.payment()));
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
