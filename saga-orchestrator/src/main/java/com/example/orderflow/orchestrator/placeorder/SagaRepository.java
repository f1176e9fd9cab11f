package com.example.orderflow.orchestrator.placeorder;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.example.orderflow.contracts.Money;
import com.example.orderflow.contracts.OrderItem;
import com.example.orderflow.contracts.PricedLine;
import com.example.orderflow.contracts.RejectionReason;
import com.example.orderflow.messaging.BeforeCommit;
import com.example.orderflow.messaging.LockedRows;
import com.example.orderflow.messaging.SqlColumns;
import com.example.orderflow.messaging.Tracing;
import com.example.orderflow.orchestrator.placeorder.SagasInTransaction.Created;
import com.example.orderflow.orchestrator.placeorder.SagasInTransaction.Moved;
import com.example.orderflow.orchestrator.placeorder.SagasInTransaction.NewStep;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Sagas and their history in PostgreSQL. Rows are locked for the length of the
 * transaction that moves them, so two instances never move one saga at once.
 *
 * <p>
 * Moves are written set-based: a consumer's batch locks the sagas of all its messages
 * with one statement ({@link #lockAll}), each reply moves its saga in memory
 * ({@link #update}) and each OrderPlaced begins one ({@link #insert}), and just before
 * the transaction commits one statement inserts every new saga, one updates every moved
 * saga and one appends every new history step ({@link SagasInTransaction}). A batch of a
 * hundred messages costs four statements instead of three hundred.
 */
@Repository
class SagaRepository {

	private static final TypeReference<List<OrderItem>> ITEMS = new TypeReference<>() {
	};

	private static final TypeReference<List<PricedLine>> LINES = new TypeReference<>() {
	};

	private static final String IN_TRANSACTION = SagaRepository.class.getName() + ".inTransaction";

	private static final String COLUMNS = "id, order_id, customer_id, currency, items, created_at, state, "
			+ "step_deadline, step_attempts, lines, total, rejection, saga_deadline, parked_in, parked_reason, "
			+ "resend_pending, placed_by";

	private final JdbcClient jdbc;

	private final JsonMapper json = JsonMapper.builder().build();

	SagaRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A new saga, inserted just before the transaction commits, with every other saga it
	 * began. Its order is looked up with a lock first, unless {@link #lockAll} did.
	 * @return false if the order already has a saga (a repeated OrderPlaced). One that
	 * another instance commits meanwhile fails the commit as a
	 * {@link ConcurrencyFailureException}, and the retried batch then finds that saga.
	 */
	boolean insert(Saga saga) {
		SagasInTransaction current = inTransaction();
		if (!current.locked().isLookedUp(saga.orderId())) {
			lockAll(List.of(saga.orderId()));
		}
		return current.created(saga, Tracing.currentTraceParent());
	}

	/**
	 * Locks the sagas of these orders with one statement, in order-id order (so two
	 * transactions never wait on each other in a cycle), for {@link #lockByOrderId} to
	 * answer from.
	 */
	void lockAll(Collection<UUID> orderIds) {
		inTransaction().locked()
			.lock(orderIds, (toLock) -> this.jdbc
				.sql("select " + COLUMNS + " from sagas where order_id = any(?::uuid[]) order by order_id for update")
				.param(SqlColumns.of(toLock, UUID::toString))
				.query(this::saga)
				.list(), Saga::orderId);
	}

	Optional<Saga> lockByOrderId(UUID orderId) {
		LockedRows<UUID, Saga> locked = inTransaction().locked();
		if (!locked.isLookedUp(orderId)) {
			lockAll(List.of(orderId));
		}
		return locked.get(orderId);
	}

	/**
	 * Overdue sagas that no other transaction holds; others are left to whoever holds
	 * them.
	 */
	List<Overdue> lockOverdue(Instant now, int limit) {
		return this.jdbc
			.sql("select " + COLUMNS + ", trace_parent from sagas where step_deadline <= ? order by step_deadline "
					+ "limit ? for update skip locked")
			.param(Timestamp.from(now))
			.param(limit)
			.query((rs, n) -> new Overdue(saga(rs, n), rs.getString("trace_parent")))
			.list();
	}

	/** An overdue saga, with the trace of the order that started it. */
	record Overdue(Saga saga, @Nullable String traceParent) {
	}

	/** Stored just before the transaction commits, with every other saga it moved. */
	void update(Saga saga, Instant now) {
		inTransaction().moved(saga, now);
	}

	Optional<SagaView> findView(UUID orderId) {
		return this.jdbc.sql("select " + COLUMNS + ", updated_at from sagas where order_id = ?")
			.param(orderId)
			.query((rs, n) -> SagaView.of(saga(rs, n), rs.getTimestamp("updated_at").toInstant(), steps(orderId)))
			.optional();
	}

	/** Newest first; without their history, which {@link #findView} gives per saga. */
	List<SagaView> findByState(SagaState state, int limit) {
		return this.jdbc
			.sql("select " + COLUMNS + ", updated_at from sagas where state = ? order by updated_at desc limit ?")
			.param(state.name())
			.param(limit)
			.query((rs, n) -> SagaView.of(saga(rs, n), rs.getTimestamp("updated_at").toInstant(), List.of()))
			.list();
	}

	long countByState(SagaState state) {
		return this.jdbc.sql("select count(*) from sagas where state = ?")
			.param(state.name())
			.query(Long.class)
			.single();
	}

	/**
	 * Sagas under way, and how many of them have a step deadline before
	 * {@code overdueBefore}. Only sagas that are neither terminal nor parked have a step
	 * deadline, so one range over the sweeper's partial index answers both.
	 */
	Backlog countBacklog(Instant overdueBefore) {
		return this.jdbc
			.sql("select count(*), count(*) filter (where step_deadline < ?) from sagas "
					+ "where step_deadline is not null")
			.param(Timestamp.from(overdueBefore))
			.query((rs, n) -> new Backlog(rs.getLong(1), rs.getLong(2)))
			.single();
	}

	private List<SagaStep> steps(UUID orderId) {
		return this.jdbc
			.sql("select s.at, s.state, s.event, s.detail, s.principal from saga_steps s "
					+ "join sagas g on g.id = s.saga_id where g.order_id = ? order by s.id")
			.param(orderId)
			.query((rs, n) -> new SagaStep(rs.getTimestamp(1).toInstant(), SagaState.valueOf(rs.getString(2)),
					rs.getString(3), rs.getString(4), rs.getString(5)))
			.list();
	}

	private SagasInTransaction inTransaction() {
		return BeforeCommit.buffer(IN_TRANSACTION, SagasInTransaction::new, this::store);
	}

	private void store(SagasInTransaction moves) {
		insertAll(moves.created().stream().sorted(Comparator.comparing((Created c) -> c.saga().orderId())).toList());
		Collection<Moved> moved = moves.moved();
		if (!moved.isEmpty()) {
			this.jdbc.sql("""
					update sagas set state = m.state, step_deadline = m.step_deadline, step_attempts = m.step_attempts,
					       lines = m.lines, total = m.total, rejection = m.rejection, updated_at = m.updated_at,
					       parked_in = m.parked_in, parked_reason = m.parked_reason, saga_deadline = m.saga_deadline,
					       resend_pending = m.resend_pending
					from unnest(?::uuid[], ?::text[], ?::timestamptz[], ?::int[], ?::jsonb[], ?::bigint[], ?::text[],
					            ?::timestamptz[], ?::text[], ?::text[], ?::timestamptz[], ?::boolean[])
					     as m (id, state, step_deadline, step_attempts, lines, total, rejection, updated_at, parked_in,
					           parked_reason, saga_deadline, resend_pending)
					where sagas.id = m.id
					""")
				.params(SqlColumns.of(moved, (m) -> m.saga().id()), SqlColumns.of(moved, (m) -> m.saga().state()),
						SqlColumns.of(moved, (m) -> m.saga().stepDeadline()),
						SqlColumns.of(moved, (m) -> m.saga().stepAttempts()),
						SqlColumns.of(moved, (m) -> this.json.writeValueAsString(m.saga().lines())),
						SqlColumns.of(moved, (m) -> (m.saga().total() != null) ? m.saga().total().amount() : null),
						SqlColumns.of(moved, (m) -> m.saga().rejection()), SqlColumns.of(moved, Moved::at),
						SqlColumns.of(moved, (m) -> m.saga().parkedIn()),
						SqlColumns.of(moved, (m) -> m.saga().parkedReason()),
						SqlColumns.of(moved, (m) -> m.saga().sagaDeadline()),
						SqlColumns.of(moved, (m) -> m.saga().resendPending()))
				.update();
		}
		List<NewStep> steps = moves.steps();
		if (!steps.isEmpty()) {
			// in the order they were taken: the history is read back by id
			this.jdbc.sql("""
					insert into saga_steps (saga_id, at, state, event, detail, principal)
					select saga_id, at, state, event, detail, principal
					from unnest(?::uuid[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[]) with ordinality
					     as s (saga_id, at, state, event, detail, principal, n)
					order by n
					""")
				.params(SqlColumns.of(steps, NewStep::sagaId), SqlColumns.of(steps, (s) -> s.step().at()),
						SqlColumns.of(steps, (s) -> s.step().state()), SqlColumns.of(steps, (s) -> s.step().event()),
						SqlColumns.of(steps, (s) -> s.step().detail()),
						SqlColumns.of(steps, (s) -> s.step().principal()))
				.update();
		}
	}

	private void insertAll(List<Created> created) {
		if (created.isEmpty()) {
			return;
		}
		int inserted = this.jdbc.sql("""
				insert into sagas (id, order_id, customer_id, currency, items, created_at, updated_at, state,
				                   step_deadline, step_attempts, lines, total, rejection, saga_deadline, parked_in,
				                   parked_reason, resend_pending, trace_parent, placed_by)
				select * from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::jsonb[], ?::timestamptz[],
				                     ?::timestamptz[], ?::text[], ?::timestamptz[], ?::int[], ?::jsonb[], ?::bigint[],
				                     ?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::boolean[], ?::text[],
				                     ?::text[])
				on conflict do nothing
				""")
			.params(SqlColumns.of(created, (c) -> c.saga().id()), SqlColumns.of(created, (c) -> c.saga().orderId()),
					SqlColumns.of(created, (c) -> c.saga().customerId()),
					SqlColumns.of(created, (c) -> c.saga().currency()),
					SqlColumns.of(created, (c) -> this.json.writeValueAsString(c.saga().items())),
					SqlColumns.of(created, (c) -> c.saga().createdAt()), SqlColumns.of(created, Created::updatedAt),
					SqlColumns.of(created, (c) -> c.saga().state()),
					SqlColumns.of(created, (c) -> c.saga().stepDeadline()),
					SqlColumns.of(created, (c) -> c.saga().stepAttempts()),
					SqlColumns.of(created, (c) -> this.json.writeValueAsString(c.saga().lines())),
					SqlColumns.of(created, (c) -> (c.saga().total() != null) ? c.saga().total().amount() : null),
					SqlColumns.of(created, (c) -> c.saga().rejection()),
					SqlColumns.of(created, (c) -> c.saga().sagaDeadline()),
					SqlColumns.of(created, (c) -> c.saga().parkedIn()),
					SqlColumns.of(created, (c) -> c.saga().parkedReason()),
					SqlColumns.of(created, (c) -> c.saga().resendPending()),
					SqlColumns.of(created, Created::traceParent), SqlColumns.of(created, (c) -> c.saga().placedBy()))
			.update();
		if (inserted != created.size()) {
			throw new ConcurrencyFailureException((created.size() - inserted)
					+ " orders got a saga from a concurrent transaction while this one began theirs");
		}
	}

	private Saga saga(ResultSet rs, int row) throws SQLException {
		String currency = rs.getString("currency");
		long total = rs.getLong("total");
		Money money = rs.wasNull() ? null : new Money(total, currency);
		String rejection = rs.getString("rejection");
		String lines = rs.getString("lines");
		return new Saga(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class),
				rs.getString("customer_id"), currency, this.json.readValue(rs.getString("items"), ITEMS),
				rs.getTimestamp("created_at").toInstant(), SagaState.valueOf(rs.getString("state")),
				instant(rs.getTimestamp("step_deadline")), rs.getInt("step_attempts"),
				(lines != null) ? this.json.readValue(lines, LINES) : List.of(), money,
				(rejection != null) ? RejectionReason.valueOf(rejection) : null,
				rs.getTimestamp("saga_deadline").toInstant(),
				(rs.getString("parked_in") != null) ? SagaState.valueOf(rs.getString("parked_in")) : null,
				rs.getString("parked_reason"), rs.getBoolean("resend_pending"), rs.getString("placed_by"));
	}

	/**
	 * @param inFlight sagas neither terminal nor parked
	 * @param pastDeadline those of them overdue since before the given time
	 */
	record Backlog(long inFlight, long pastDeadline) {
	}

	private static Timestamp timestamp(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
