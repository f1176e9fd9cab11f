package com.example.orderflow.payment.payment;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.example.orderflow.messaging.LockedRows;
import com.example.orderflow.payment.payment.PaymentRepository.Due;
import org.jspecify.annotations.Nullable;

/**
 * The payments one transaction has locked (or found missing) and what it wrote to them:
 * {@link PaymentRepository} stores the new ones with one statement and the changed ones
 * with another just before the transaction commits. A payment looked up again in the same
 * transaction (a refund right behind its charge in one batch) is answered from here, as
 * written so far.
 */
final class PaymentsInTransaction {

	private final LockedRows<UUID, Payment> locked = new LockedRows<>();

	private final Map<UUID, Write> inserted = new LinkedHashMap<>();

	private final Map<UUID, Write> updated = new LinkedHashMap<>();

	LockedRows<UUID, Payment> locked() {
		return this.locked;
	}

	/**
	 * @return false if the order has a payment in this transaction already
	 */
	boolean insert(Write write) {
		UUID orderId = write.payment().orderId();
		if (this.locked.get(orderId).isPresent()) {
			return false;
		}
		this.locked.put(orderId, write.payment());
		this.inserted.put(orderId, write);
		return true;
	}

	/** A payment inserted earlier in this transaction is inserted as it is now. */
	void update(Write write) {
		UUID orderId = write.payment().orderId();
		this.locked.put(orderId, write.payment());
		Write insert = this.inserted.get(orderId);
		if (insert != null) {
			this.inserted.put(orderId, insert.then(write));
			return;
		}
		this.updated.merge(orderId, write, Write::then);
	}

	Collection<Write> inserted() {
		return this.inserted.values();
	}

	Collection<Write> updated() {
		return this.updated.values();
	}

	/**
	 * A payment as written, with what happens to its provider call.
	 *
	 * @param traced whether {@code traceParent} and {@code principal} replace the stored
	 * ones: whenever the call became due, since the worker continues that trace
	 */
	record Write(Payment payment, Due due, boolean traced, @Nullable String traceParent, @Nullable String principal) {

		/**
		 * What two writes in a row leave: the later payment, the later due unless it
		 * keeps it.
		 */
		Write then(Write later) {
			Due due = (later.due() == Due.UNCHANGED) ? this.due : later.due();
			return later.traced() ? new Write(later.payment(), due, true, later.traceParent(), later.principal())
					: new Write(later.payment(), due, this.traced, this.traceParent, this.principal);
		}

	}

}
