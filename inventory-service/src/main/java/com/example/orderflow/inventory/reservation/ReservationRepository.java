package com.example.orderflow.inventory.reservation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.example.orderflow.contracts.PricedLine;
import com.example.orderflow.contracts.RejectionReason;
import com.example.orderflow.messaging.BeforeCommit;
import com.example.orderflow.messaging.LockedRows;
import com.example.orderflow.messaging.SqlColumns;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reservations and their lines in PostgreSQL. A consumer's batch locks the reservations
 * of all its orders with one statement ({@link #lockAll}), its commands change them in
 * memory, and just before the transaction commits one statement each inserts the new
 * reservations, their lines, and the changed statuses
 * ({@link ReservationsInTransaction}).
 */
@Repository
class ReservationRepository {

	private static final String IN_TRANSACTION = ReservationRepository.class.getName() + ".inTransaction";

	private static final String COLUMNS = "order_id, saga_id, status, reason, currency, total";

	private final JdbcClient jdbc;

	ReservationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** As committed, without locking: for reads outside a consumer's transaction. */
	Optional<Reservation> find(UUID orderId) {
		return this.jdbc.sql("select " + COLUMNS + " from reservations where order_id = ?")
			.param(orderId)
			.query(ReservationRepository::map)
			.optional()
			.map((reservation) -> reservation.withLines(lines(List.of(orderId)).getOrDefault(orderId, List.of())));
	}

	/**
	 * Locks the reservations of these orders until the transaction ends, with one
	 * statement for those this transaction has not looked up yet, in order-id order, so
	 * two transactions never wait on each other in a cycle.
	 * @return the reservations that exist, with this transaction's changes
	 */
	List<Reservation> lockAll(Collection<UUID> orderIds) {
		LockedRows<UUID, Reservation> locked = inTransaction().locked();
		locked.lock(orderIds, this::lockWithLines, Reservation::orderId);
		return orderIds.stream().distinct().map(locked::get).flatMap(Optional::stream).toList();
	}

	private List<Reservation> lockWithLines(List<UUID> orderIds) {
		List<Reservation> reservations = this.jdbc
			.sql("select " + COLUMNS
					+ " from reservations where order_id = any(?::uuid[]) order by order_id for update")
			.param(SqlColumns.of(orderIds, UUID::toString))
			.query(ReservationRepository::map)
			.list();
		if (reservations.isEmpty()) {
			return reservations;
		}
		Map<UUID, List<PricedLine>> lines = lines(reservations.stream().map(Reservation::orderId).toList());
		return reservations.stream()
			.map((reservation) -> reservation.withLines(lines.getOrDefault(reservation.orderId(), List.of())))
			.toList();
	}

	/** Locks the reservation until the transaction ends, if it exists. */
	Optional<Reservation> findForUpdate(UUID orderId) {
		LockedRows<UUID, Reservation> locked = inTransaction().locked();
		if (!locked.isLookedUp(orderId)) {
			lockAll(List.of(orderId));
		}
		return locked.get(orderId);
	}

	/**
	 * Stored just before the transaction commits. Two instances may handle commands of
	 * one order at once (a partition moving during a rebalance): if the other one has
	 * stored a reservation of the same order by then, the commit fails with a
	 * {@link ConcurrencyFailureException}, and the batch, retried, finds that reservation
	 * and answers from it.
	 * @throws IllegalStateException if this transaction knows of a reservation of that
	 * order already: look it up first
	 */
	void insert(Reservation reservation) {
		inTransaction().inserted(reservation);
	}

	void changeStatus(UUID orderId, ReservationStatus status) {
		inTransaction().changed(orderId, status);
	}

	private Map<UUID, List<PricedLine>> lines(Collection<UUID> orderIds) {
		Map<UUID, List<PricedLine>> lines = new HashMap<>();
		this.jdbc
			.sql("select order_id, sku, quantity, unit_price from reservation_lines "
					+ "where order_id = any(?::uuid[]) order by order_id, sku")
			.param(SqlColumns.of(orderIds, UUID::toString))
			.query((rs) -> {
				lines.computeIfAbsent(rs.getObject("order_id", UUID.class), (id) -> new ArrayList<>())
					.add(new PricedLine(rs.getString("sku"), rs.getInt("quantity"), rs.getLong("unit_price")));
			});
		return lines;
	}

	private ReservationsInTransaction inTransaction() {
		return BeforeCommit.buffer(IN_TRANSACTION, ReservationsInTransaction::new, this::store);
	}

	private void store(ReservationsInTransaction writes) {
		Collection<Reservation> inserted = writes.inserted();
		if (!inserted.isEmpty()) {
			int stored = this.jdbc.sql("""
					insert into reservations (order_id, saga_id, status, reason, currency, total)
					select * from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::bigint[])
					on conflict (order_id) do nothing""")
				.params(SqlColumns.of(inserted, Reservation::orderId), SqlColumns.of(inserted, Reservation::sagaId),
						SqlColumns.of(inserted, Reservation::status), SqlColumns.of(inserted, Reservation::reason),
						SqlColumns.of(inserted, Reservation::currency),
						inserted.stream().map(Reservation::total).toArray(Long[]::new))
				.update();
			if (stored != inserted.size()) {
				throw new ConcurrencyFailureException(
						(inserted.size() - stored) + " reservation(s) were written concurrently, retrying");
			}
			List<UUID> lineOrders = new ArrayList<>();
			List<PricedLine> lines = new ArrayList<>();
			for (Reservation reservation : inserted) {
				for (PricedLine line : reservation.lines()) {
					lineOrders.add(reservation.orderId());
					lines.add(line);
				}
			}
			if (!lines.isEmpty()) {
				this.jdbc.sql("""
						insert into reservation_lines (order_id, sku, quantity, unit_price)
						select * from unnest(?::uuid[], ?::text[], ?::int[], ?::bigint[])""")
					.params(SqlColumns.of(lineOrders, UUID::toString), SqlColumns.of(lines, PricedLine::sku),
							lines.stream().map(PricedLine::quantity).toArray(Integer[]::new),
							lines.stream().map(PricedLine::unitPrice).toArray(Long[]::new))
					.update();
			}
		}
		Map<UUID, ReservationStatus> changed = writes.changed();
		if (!changed.isEmpty()) {
			this.jdbc.sql("""
					update reservations set status = changed.status, updated_at = now()
					from unnest(?::uuid[], ?::text[]) as changed (order_id, status)
					where reservations.order_id = changed.order_id""")
				.params(SqlColumns.of(changed.keySet(), UUID::toString),
						SqlColumns.of(changed.values(), ReservationStatus::name))
				.update();
		}
	}

	private static Reservation map(ResultSet rs, int row) throws SQLException {
		String reason = rs.getString("reason");
		return new Reservation(rs.getObject("order_id", UUID.class), rs.getObject("saga_id", UUID.class),
				ReservationStatus.valueOf(rs.getString("status")),
				(reason != null) ? RejectionReason.valueOf(reason) : null, rs.getString("currency"),
				rs.getObject("total", Long.class), List.of());
	}

}
