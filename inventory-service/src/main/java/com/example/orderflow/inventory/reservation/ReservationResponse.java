package com.example.orderflow.inventory.reservation;

import java.util.List;
import java.util.UUID;

import com.example.orderflow.contracts.PricedLine;
import com.example.orderflow.contracts.RejectionReason;

record ReservationResponse(UUID orderId, ReservationStatus status, RejectionReason reason, List<Line> lines, Long total,
		String currency) {

	static ReservationResponse of(Reservation reservation) {
		return new ReservationResponse(reservation.orderId(), reservation.status(), reservation.reason(),
				reservation.lines().stream().map(Line::of).toList(), reservation.total(), reservation.currency());
	}

	record Line(String sku, int quantity, long unitPrice) {

		static Line of(PricedLine line) {
			return new Line(line.sku(), line.quantity(), line.unitPrice());
		}

	}

}
