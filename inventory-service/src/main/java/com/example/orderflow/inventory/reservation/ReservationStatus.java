package com.example.orderflow.inventory.reservation;

enum ReservationStatus {

	/** Units are held for the order; they are still on the shelf. */
	RESERVED,

	/** The order was approved and its units left the shelf. */
	CONFIRMED,

	/**
	 * The saga compensated. Final: a reservation request arriving after it reserves
	 * nothing, also when the release came first (a tombstone without lines).
	 */
	RELEASED,

	/** Nothing could be reserved; the reason is kept for repeated requests. */
	REJECTED

}
