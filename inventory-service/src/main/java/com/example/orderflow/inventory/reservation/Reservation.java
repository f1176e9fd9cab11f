package com.example.orderflow.inventory.reservation;

import java.util.List;
import java.util.UUID;

import com.example.orderflow.contracts.Money;
import com.example.orderflow.contracts.PricedLine;
import com.example.orderflow.contracts.RejectionReason;

/**
 * What inventory holds for one order. The lines keep the price the units were reserved
 * at, so a repeated request gets the same answer even after a price change.
 *
 * @param orderId the order, one reservation each
 * @param sagaId the saga that created it
 * @param status where it is in its life
 * @param reason why it was rejected, only when {@link ReservationStatus#REJECTED}
 * @param currency currency of the lines, absent on a release tombstone
 * @param total sum of the lines, only when units were reserved
 * @param lines sorted by sku, empty unless units were reserved
 */
record Reservation(UUID orderId, UUID sagaId, ReservationStatus status, RejectionReason reason, String currency,
		Long total, List<PricedLine> lines) {

	Reservation {
		lines = List.copyOf(lines);
	}

	static Reservation reserved(UUID orderId, UUID sagaId, List<PricedLine> lines, Money total) {
		return new Reservation(orderId, sagaId, ReservationStatus.RESERVED, null, total.currency(), total.amount(),
				lines);
	}

	static Reservation rejected(UUID orderId, UUID sagaId, String currency, RejectionReason reason) {
		return new Reservation(orderId, sagaId, ReservationStatus.REJECTED, reason, currency, null, List.of());
	}

	/** Marks an order released before anything was reserved for it. */
	static Reservation tombstone(UUID orderId, UUID sagaId) {
		return new Reservation(orderId, sagaId, ReservationStatus.RELEASED, null, null, null, List.of());
	}

	Reservation withLines(List<PricedLine> lines) {
		return new Reservation(this.orderId, this.sagaId, this.status, this.reason, this.currency, this.total, lines);
	}

	Reservation withStatus(ReservationStatus status) {
		return new Reservation(this.orderId, this.sagaId, status, this.reason, this.currency, this.total, this.lines);
	}

	Money totalMoney() {
		return new Money(this.total, this.currency);
	}

}
