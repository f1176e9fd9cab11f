package com.example.orderflow.inventory.reservation;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.example.orderflow.messaging.LockedRows;

/**
 * The reservations one transaction has looked up and locked (or found missing), and what
 * it has written: {@link ReservationRepository} stores new reservations, their lines and
 * changed statuses with one statement each just before the transaction commits. A
 * reservation looked up twice in one transaction is answered from here the second time,
 * with this transaction's own changes.
 */
final class ReservationsInTransaction {

	private final LockedRows<UUID, Reservation> locked = new LockedRows<>();

	private final Map<UUID, Reservation> inserted = new LinkedHashMap<>();

	private final Map<UUID, ReservationStatus> changed = new LinkedHashMap<>();

	LockedRows<UUID, Reservation> locked() {
		return this.locked;
	}

	void inserted(Reservation reservation) {
		if (this.locked.get(reservation.orderId()).isPresent()) {
			throw new IllegalStateException("order " + reservation.orderId() + " has a reservation already");
		}
		this.locked.put(reservation.orderId(), reservation);
		this.inserted.put(reservation.orderId(), reservation);
	}

	void changed(UUID orderId, ReservationStatus status) {
		Reservation reservation = this.locked.get(orderId)
			.orElseThrow(() -> new IllegalStateException("no reservation of order " + orderId + " to change"));
		Reservation now = reservation.withStatus(status);
		this.locked.put(orderId, now);
		if (this.inserted.containsKey(orderId)) {
			this.inserted.put(orderId, now);
		}
		else {
			this.changed.put(orderId, status);
		}
	}

	Collection<Reservation> inserted() {
		return this.inserted.values();
	}

	Map<UUID, ReservationStatus> changed() {
		return this.changed;
	}

}
