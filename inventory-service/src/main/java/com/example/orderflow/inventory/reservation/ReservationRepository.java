package com.example.orderflow.inventory.reservation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.example.orderflow.contracts.PricedLine;
import com.example.orderflow.contracts.RejectionReason;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ReservationRepository {

	private static final String COLUMNS = "order_id, saga_id, status, reason, currency, total";

	private final JdbcClient jdbc;

	ReservationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Reservation> find(UUID orderId) {
		return find(orderId, "");
	}

	/** Locks the reservation until the transaction ends, if it exists. */
	Optional<Reservation> findForUpdate(UUID orderId) {
		return find(orderId, " for update");
	}

	private Optional<Reservation> find(UUID orderId, String lock) {
		return this.jdbc.sql("select " + COLUMNS + " from reservations where order_id = ?" + lock)
			.param(orderId)
			.query(ReservationRepository::map)
			.optional()
			.map((reservation) -> reservation.withLines(lines(orderId)));
	}

	private List<PricedLine> lines(UUID orderId) {
		return this.jdbc.sql("select sku, quantity, unit_price from reservation_lines where order_id = ? order by sku")
			.param(orderId)
			.query((rs, row) -> new PricedLine(rs.getString("sku"), rs.getInt("quantity"), rs.getLong("unit_price")))
			.list();
	}

	/**
	 * @return false if the order has a reservation already: another transaction wrote it
	 * after this one looked
	 */
	boolean insert(Reservation reservation) {
		boolean inserted = this.jdbc
			.sql("insert into reservations (order_id, saga_id, status, reason, currency, total) "
					+ "values (:orderId, :sagaId, :status, :reason, :currency, :total) on conflict (order_id) do nothing")
			.param("orderId", reservation.orderId())
			.param("sagaId", reservation.sagaId())
			.param("status", reservation.status().name())
			.param("reason", (reservation.reason() != null) ? reservation.reason().name() : null)
			.param("currency", reservation.currency())
			.param("total", reservation.total())
			.update() == 1;
		if (inserted) {
			for (PricedLine line : reservation.lines()) {
				this.jdbc.sql("insert into reservation_lines (order_id, sku, quantity, unit_price) values (?, ?, ?, ?)")
					.params(reservation.orderId(), line.sku(), line.quantity(), line.unitPrice())
					.update();
			}
		}
		return inserted;
	}

	void changeStatus(UUID orderId, ReservationStatus status) {
		this.jdbc.sql("update reservations set status = ?, updated_at = now() where order_id = ?")
			.params(status.name(), orderId)
			.update();
	}

	private static Reservation map(ResultSet rs, int row) throws SQLException {
		String reason = rs.getString("reason");
		return new Reservation(rs.getObject("order_id", UUID.class), rs.getObject("saga_id", UUID.class),
				ReservationStatus.valueOf(rs.getString("status")),
				(reason != null) ? RejectionReason.valueOf(reason) : null, rs.getString("currency"),
				rs.getObject("total", Long.class), List.of());
	}

}
