package com.example.orderflow.orchestrator.placeorder;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;

import com.example.orderflow.contracts.InventoryCommand.ConfirmReservation;
import com.example.orderflow.contracts.InventoryCommand.ReleaseStock;
import com.example.orderflow.contracts.InventoryCommand.ReserveStock;
import com.example.orderflow.contracts.InventoryEvent.ReservationConfirmed;
import com.example.orderflow.contracts.InventoryEvent.StockRejected;
import com.example.orderflow.contracts.InventoryEvent.StockReleased;
import com.example.orderflow.contracts.InventoryEvent.StockReserved;
import com.example.orderflow.contracts.MessageTypes;
import com.example.orderflow.contracts.OrderCommand.ApproveOrder;
import com.example.orderflow.contracts.OrderCommand.RejectOrder;
import com.example.orderflow.contracts.OrderEvent.OrderApproved;
import com.example.orderflow.contracts.OrderEvent.OrderPlaced;
import com.example.orderflow.contracts.OrderEvent.OrderRejected;
import com.example.orderflow.contracts.PaymentCommand.ChargePayment;
import com.example.orderflow.contracts.PaymentCommand.RefundPayment;
import com.example.orderflow.contracts.PaymentEvent.PaymentCharged;
import com.example.orderflow.contracts.PaymentEvent.PaymentDeclined;
import com.example.orderflow.contracts.PaymentEvent.PaymentFailed;
import com.example.orderflow.contracts.PaymentEvent.PaymentRefunded;
import com.example.orderflow.contracts.PaymentEvent.RefundFailed;
import com.example.orderflow.contracts.RejectionReason;
import com.example.orderflow.contracts.SagaMessage;
import com.example.orderflow.contracts.Topics;
import com.example.orderflow.orchestrator.placeorder.SagaProperties.StepRetry;

import org.springframework.stereotype.Component;

import static com.example.orderflow.orchestrator.placeorder.SagaState.APPROVED;
import static com.example.orderflow.orchestrator.placeorder.SagaState.APPROVING_ORDER;
import static com.example.orderflow.orchestrator.placeorder.SagaState.CHARGING_PAYMENT;
import static com.example.orderflow.orchestrator.placeorder.SagaState.CONFIRMING_RESERVATION;
import static com.example.orderflow.orchestrator.placeorder.SagaState.REFUNDING_PAYMENT;
import static com.example.orderflow.orchestrator.placeorder.SagaState.REJECTED;
import static com.example.orderflow.orchestrator.placeorder.SagaState.REJECTING_ORDER;
import static com.example.orderflow.orchestrator.placeorder.SagaState.RELEASING_STOCK;
import static com.example.orderflow.orchestrator.placeorder.SagaState.RESERVING_STOCK;

/**
 * The place-order saga, read top to bottom: reserve stock, charge payment, confirm the
 * reservation, approve the order.
 *
 * <p>
 * Reserving and charging can be undone, so a failure or a missed deadline there
 * compensates: refund what was charged, release what was reserved, then reject the order.
 * A successful charge is the point of no return: confirming the reservation and approving
 * the order cannot fail for business reasons, so past it a missed deadline re-sends the
 * step (participants are idempotent) instead of undoing a paid order. Compensations are
 * re-sent the same way until they are answered.
 *
 * <p>
 * A transient failure reported by payment (the provider unreachable) is not a decline:
 * the charge or refund is sent again after a growing, jittered backoff, a bounded number
 * of times and only within the saga deadline. A charge that keeps failing is given up and
 * refunded (payment holds the funds until then); a refund that keeps failing parks the
 * saga, since no automatic step is left to take. A reply to an earlier send that arrives
 * while the saga waits to re-send (the charge went through after all) is handled as usual
 * and cancels the re-send.
 *
 * <p>
 * Every step is recorded with the principal it was done for: whoever placed the order, or
 * the principal a reply carries ({@link Saga#actFor}, which the caller sets before
 * {@link #on}), or the operator who retried a parked saga.
 *
 * <p>
 * Pure logic: no database, no Kafka. The caller persists the saga and writes the returned
 * commands to the outbox in one transaction.
 */
@Component
class PlaceOrderSaga {

	private final Clock clock;

	private final SagaProperties properties;

	private final RandomGenerator jitter;

	PlaceOrderSaga(Clock clock, SagaProperties properties, RandomGenerator jitter) {
		this.clock = clock;
		this.properties = properties;
		this.jitter = jitter;
	}

	/**
	 * @param placedBy the principal that placed the order (the OrderPlaced's header),
	 * null if it did not say
	 */
	Saga start(OrderPlaced placed, String placedBy, List<Outgoing> out) {
		Instant now = this.clock.instant();
		Saga saga = Saga.begin(placed.sagaId(), placed.orderId(), placed.customerId(), placed.currency(),
				placed.items(), now, now.plus(this.properties.sagaTimeout()), placedBy);
		reserveStock(saga, now, "OrderPlaced", placed.items().size() + " item(s)", out);
		return saga;
	}

	void on(Saga saga, SagaMessage reply, List<Outgoing> out) {
		Instant now = this.clock.instant();
		String event = MessageTypes.nameOf(reply);
		switch (saga.state()) {
			case RESERVING_STOCK -> {
				if (reply instanceof StockReserved reserved) {
					saga.priced(reserved.lines(), reserved.total());
					chargePayment(saga, now, event,
							"total " + reserved.total().amount() + " " + reserved.total().currency(), out);
					return;
				}
				if (reply instanceof StockRejected rejected) {
					saga.rejectBecause(rejected.reason());
					rejectOrder(saga, now, event, rejected.reason() + ": " + rejected.detail(), out);
					return;
				}
			}
			case CHARGING_PAYMENT -> {
				if (reply instanceof PaymentCharged) {
					confirmReservation(saga, now, event, null, out);
					return;
				}
				if (reply instanceof PaymentDeclined declined) {
					saga.rejectBecause(RejectionReason.PAYMENT_DECLINED);
					releaseStock(saga, now, event, declined.reason(), out);
					return;
				}
				if (reply instanceof PaymentFailed failed) {
					if (!resendLater(saga, now, event, failed.reason())) {
						// the refund releases the funds payment holds
						saga.rejectBecause(RejectionReason.PAYMENT_UNAVAILABLE);
						refundPayment(saga, now, event, givenUp("charge", saga, failed.reason()), out);
					}
					return;
				}
			}
			case CONFIRMING_RESERVATION -> {
				if (reply instanceof ReservationConfirmed) {
					approveOrder(saga, now, event, out);
					return;
				}
			}
			case APPROVING_ORDER -> {
				if (reply instanceof OrderApproved) {
					saga.moveTo(APPROVED, null, now, event, null);
					return;
				}
			}
			case REFUNDING_PAYMENT -> {
				if (reply instanceof PaymentRefunded refunded) {
					releaseStock(saga, now, event,
							"refunded " + refunded.refunded().amount() + " " + refunded.refunded().currency(), out);
					return;
				}
				if (reply instanceof RefundFailed failed) {
					if (!resendLater(saga, now, event, failed.reason())) {
						// the money is still held: only a person can take it from here
						saga.park(now, givenUp("refund", saga, failed.reason()));
					}
					return;
				}
			}
			case RELEASING_STOCK -> {
				if (reply instanceof StockReleased) {
					rejectOrder(saga, now, event, null, out);
					return;
				}
			}
			case REJECTING_ORDER -> {
				if (reply instanceof OrderRejected) {
					saga.moveTo(REJECTED, null, now, event, String.valueOf(saga.rejection()));
					return;
				}
			}
			case APPROVED, REJECTED, PARKED -> {
				// a late or repeated reply: everything it could ask for was already done,
				// or an operator decides when the parked step is sent again
			}
		}
		// Late replies are safe to ignore: a compensation sent after the original command
		// travels behind it on the same partition, so the participant undoes it anyway.
		saga.note(now, event, "ignored in " + saga.state());
	}

	/**
	 * The current step's reply did not come in time, or the step is due to be sent again
	 * after a transient failure. What the deadline prompts is done for whoever placed the
	 * order.
	 */
	void onDeadline(Saga saga, List<Outgoing> out) {
		saga.actFor(null);
		Instant now = this.clock.instant();
		if (saga.resendPending()) {
			Outgoing again = commandFor(saga);
			saga.retryStep(now.plus(this.properties.stepTimeout()), now, "ResendDue",
					"re-sent " + MessageTypes.nameOf(again.command()) + " (attempt " + (saga.stepAttempts() + 2)
							+ " of " + this.properties.stepRetry().maxAttempts() + ")");
			out.add(again);
			return;
		}
		switch (saga.state()) {
			case RESERVING_STOCK -> {
				saga.rejectBecause(RejectionReason.TIMEOUT);
				releaseStock(saga, now, "DeadlinePassed", "no reply to ReserveStock", out);
			}
			case CHARGING_PAYMENT -> {
				saga.rejectBecause(RejectionReason.TIMEOUT);
				refundPayment(saga, now, "DeadlinePassed", "no reply to ChargePayment", out);
			}
			case CONFIRMING_RESERVATION, APPROVING_ORDER, REFUNDING_PAYMENT, RELEASING_STOCK, REJECTING_ORDER -> {
				Outgoing again = commandFor(saga);
				String command = MessageTypes.nameOf(again.command());
				int attempt = saga.stepAttempts() + 2;
				if (attempt > this.properties.maxStepAttempts() || !now.isBefore(saga.sagaDeadline())) {
					// Neither undoing nor waiting longer helps: someone has to look at
					// it.
					saga.park(now, "no reply to " + command + " after " + (attempt - 1) + " attempt(s)");
					return;
				}
				saga.retryStep(now.plus(this.properties.resendInterval(attempt - 1)), now, "DeadlinePassed",
						"re-sent " + command + " (attempt " + attempt + ")");
				out.add(again);
			}
			case APPROVED, REJECTED, PARKED -> {
				// no deadline
			}
		}
	}

	/**
	 * An operator's retry of a parked saga: the step it was parked in is sent again, with
	 * a fresh set of attempts and time, so a cause that is still not fixed parks it again
	 * after the bounded retries. The retried step, and the command it sends, are done for
	 * the operator.
	 * @param operator the principal of the operator retrying
	 * @return false if the saga is not parked, so a second retry changes nothing
	 */
	boolean retry(Saga saga, String operator, List<Outgoing> out) {
		if (saga.state() != SagaState.PARKED) {
			return false;
		}
		saga.actFor(operator);
		Instant now = this.clock.instant();
		Instant sagaDeadline = now.plus(this.properties.sagaTimeout());
		saga.resume(now.plus(this.properties.stepTimeout()),
				sagaDeadline.isAfter(saga.sagaDeadline()) ? sagaDeadline : saga.sagaDeadline(), now, "OperatorRetry");
		out.add(commandFor(saga));
		return true;
	}

	/**
	 * A participant reported a transient failure of the current step: schedules its
	 * re-send after a backoff.
	 * @return false, changing nothing, when the step's attempts or the saga's time are
	 * used up
	 */
	private boolean resendLater(Saga saga, Instant now, String event, String reason) {
		if (saga.resendPending()) {
			// another failure of a send already answered by a failure (a duplicate
			// delivery): the re-send it asks for is scheduled
			saga.note(now, event, reason + "; re-send already scheduled");
			return true;
		}
		StepRetry retry = this.properties.stepRetry();
		int sent = saga.stepAttempts() + 1;
		Instant resendAt = now.plus(retry.backoff(sent, this.jitter.nextDouble()));
		if (sent >= retry.maxAttempts() || !resendAt.isBefore(saga.sagaDeadline())) {
			return false;
		}
		saga.awaitResend(resendAt, now, event,
				reason + "; waiting to re-send " + MessageTypes.nameOf(commandFor(saga).command()) + " (attempt "
						+ (sent + 1) + " of " + retry.maxAttempts() + ") at " + resendAt);
		return true;
	}

	private String givenUp(String step, Saga saga, String reason) {
		int sent = saga.stepAttempts() + 1;
		String cause = (sent < this.properties.stepRetry().maxAttempts()) ? ", no time left before the saga deadline"
				: "";
		return step + " failed after " + sent + " attempt(s)" + cause + ": " + reason;
	}

	// The steps. Each enters its state and sends the command it waits on.

	private void reserveStock(Saga saga, Instant now, String event, String detail, List<Outgoing> out) {
		enter(saga, RESERVING_STOCK, now, event, detail, out);
	}

	private void chargePayment(Saga saga, Instant now, String event, String detail, List<Outgoing> out) {
		enter(saga, CHARGING_PAYMENT, now, event, detail, out);
	}

	private void confirmReservation(Saga saga, Instant now, String event, String detail, List<Outgoing> out) {
		enter(saga, CONFIRMING_RESERVATION, now, event, detail, out);
	}

	private void approveOrder(Saga saga, Instant now, String event, List<Outgoing> out) {
		enter(saga, APPROVING_ORDER, now, event, null, out);
	}

	private void refundPayment(Saga saga, Instant now, String event, String detail, List<Outgoing> out) {
		enter(saga, REFUNDING_PAYMENT, now, event, detail, out);
	}

	private void releaseStock(Saga saga, Instant now, String event, String detail, List<Outgoing> out) {
		enter(saga, RELEASING_STOCK, now, event, detail, out);
	}

	private void rejectOrder(Saga saga, Instant now, String event, String detail, List<Outgoing> out) {
		enter(saga, REJECTING_ORDER, now, event, detail, out);
	}

	private void enter(Saga saga, SagaState next, Instant now, String event, String detail, List<Outgoing> out) {
		saga.moveTo(next, now.plus(this.properties.stepTimeout()), now, event, detail);
		out.add(commandFor(saga));
	}

	/** The command the saga's current state waits on, fresh each time it is sent. */
	private Outgoing commandFor(Saga saga) {
		UUID messageId = UUID.randomUUID();
		UUID sagaId = saga.id();
		UUID orderId = saga.orderId();
		Instant now = this.clock.instant();
		return switch (saga.state()) {
			case RESERVING_STOCK -> new Outgoing(Topics.INVENTORY_COMMANDS,
					new ReserveStock(messageId, sagaId, orderId, now, saga.currency(), saga.items()));
			case CHARGING_PAYMENT -> new Outgoing(Topics.PAYMENT_COMMANDS,
					new ChargePayment(messageId, sagaId, orderId, now, saga.customerId(), saga.total()));
			case CONFIRMING_RESERVATION ->
				new Outgoing(Topics.INVENTORY_COMMANDS, new ConfirmReservation(messageId, sagaId, orderId, now));
			case APPROVING_ORDER -> new Outgoing(Topics.ORDER_COMMANDS,
					new ApproveOrder(messageId, sagaId, orderId, now, saga.lines(), saga.total()));
			case REFUNDING_PAYMENT -> new Outgoing(Topics.PAYMENT_COMMANDS,
					new RefundPayment(messageId, sagaId, orderId, now, saga.customerId()));
			case RELEASING_STOCK ->
				new Outgoing(Topics.INVENTORY_COMMANDS, new ReleaseStock(messageId, sagaId, orderId, now));
			case REJECTING_ORDER -> new Outgoing(Topics.ORDER_COMMANDS,
					new RejectOrder(messageId, sagaId, orderId, now, saga.rejection(), saga.lines(), saga.total()));
			case APPROVED, REJECTED, PARKED -> throw new IllegalStateException("a resting saga sends nothing");
		};
	}

}
