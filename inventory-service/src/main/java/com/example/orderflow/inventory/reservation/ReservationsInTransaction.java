package com.example.orderflow.inventory.reservation;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The reservations one transaction has looked up and locked (or found missing), and what
 * it has written: {@link ReservationRepository} stores new reservations, their lines and
 * changed statuses with one statement each just before the transaction commits. A
 * reservation looked up twice in one transaction is answered from here the second time,
 * with this transaction's own changes.
 */
final class ReservationsInTransaction {

	/** An empty value: looked up, and no reservation exists (yet). */
	private final Map<UUID, Optional<Reservation>> lookedUp = new HashMap<>();

	private final Map<UUID, Reservation> inserted = new LinkedHashMap<>();

	private final Map<UUID, ReservationStatus> changed = new LinkedHashMap<>();

	boolean isLookedUp(UUID orderId) {
		return this.lookedUp.containsKey(orderId);
	}

	Optional<Reservation> reservation(UUID orderId) {
		return this.lookedUp.getOrDefault(orderId, Optional.empty());
	}

	void lookedUp(UUID orderId, Optional<Reservation> reservation) {
		this.lookedUp.put(orderId, reservation);
	}

	void inserted(Reservation reservation) {
		if (reservation(reservation.orderId()).isPresent()) {
			throw new IllegalStateException("order " + reservation.orderId() + " has a reservation already");
		}
		this.lookedUp.put(reservation.orderId(), Optional.of(reservation));
		this.inserted.put(reservation.orderId(), reservation);
	}

	void changed(UUID orderId, ReservationStatus status) {
		Reservation reservation = reservation(orderId)
			.orElseThrow(() -> new IllegalStateException("no reservation of order " + orderId + " to change"));
		Reservation now = reservation.withStatus(status);
		this.lookedUp.put(orderId, Optional.of(now));
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
