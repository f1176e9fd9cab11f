package com.example.orderflow.payment.payment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.example.orderflow.contracts.PaymentCommand.ChargePayment;
import com.example.orderflow.contracts.PaymentCommand.RefundPayment;
import com.example.orderflow.contracts.SagaMessage;
import com.example.orderflow.contracts.Topics;
import com.example.orderflow.messaging.Outbox;
import com.example.orderflow.messaging.TransactionalConsumer;
import com.example.orderflow.messaging.UnexpectedMessageException;
import com.example.orderflow.payment.account.Account;
import com.example.orderflow.payment.account.AccountRepository;
import com.example.orderflow.payment.payment.PaymentRepository.Due;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Charges and refunds on the orchestrator's commands. Each command runs in the
 * transaction of its Kafka batch, so the balance, the payment and the reply commit
 * together. A command the orchestrator re-sends (new message id, same order) finds the
 * payment and gets the reply that matches its state, without touching the balance again.
 *
 * <p>
 * Nothing here waits for the payment provider: a charge holds the amount and leaves the
 * capture to the {@link SettlementWorker}, so a slow provider never stalls the partition
 * or holds a database transaction open.
 */
@Component
class PaymentCommandHandler {

	private static final Logger log = LoggerFactory.getLogger(PaymentCommandHandler.class);

	private final TransactionalConsumer consumer;

	private final PaymentRepository payments;

	private final AccountRepository accounts;

	private final Outbox outbox;

	private final SettlementWorker settlement;

	PaymentCommandHandler(TransactionalConsumer consumer, PaymentRepository payments, AccountRepository accounts,
			Outbox outbox, SettlementWorker settlement) {
		this.consumer = consumer;
		this.payments = payments;
		this.accounts = accounts;
		this.outbox = outbox;
		this.settlement = settlement;
	}

	@KafkaListener(topics = Topics.PAYMENT_COMMANDS, batch = "true")
	void onBatch(List<ConsumerRecord<String, String>> records) {
		this.consumer.consume(records, this::lockAll, this::handle);
	}

	/**
	 * Locks the payments of the whole batch with one statement, so each command then
	 * reads its payment from memory; what the commands write is stored together at the
	 * commit (see {@link PaymentRepository#insert}).
	 */
	void lockAll(List<SagaMessage> messages) {
		this.payments.lockAll(messages.stream().map(SagaMessage::orderId).toList());
	}

	/** Must run in a transaction: the caller's, which the outbox joins. */
	void handle(SagaMessage message) {
		switch (message) {
			case ChargePayment command -> charge(command);
			case RefundPayment command -> refund(command);
			default -> throw new UnexpectedMessageException(message);
		}
	}

	private void charge(ChargePayment command) {
		Instant now = Instant.now();
		Optional<Payment> existing = this.payments.findForUpdate(command.orderId());
		if (existing.isPresent()) {
			Payment payment = existing.get();
			if (payment.status() == PaymentStatus.CAPTURE_FAILED) {
				this.payments.update(payment.captureAgain(now), Due.NOW);
				this.settlement.wakeAfterCommit();
				return;
			}
			payment.replyToCharge(command, now)
				.ifPresentOrElse((reply) -> this.outbox.add(Topics.PAYMENT_EVENTS, reply),
						() -> log.info("No reply to a charge for order {} now: its payment is {}", command.orderId(),
								payment.status()));
			return;
		}
		if (!this.accounts.debit(command.customerId(), command.amount())) {
			Payment declined = Payment.declined(command, whyNotDebited(command), now);
			record(declined, Due.NONE);
			this.outbox.add(Topics.PAYMENT_EVENTS, declined.replyToCharge(command, now).orElseThrow());
			return;
		}
		// the amount is held; the settlement worker captures it at the provider after
		// commit
		record(Payment.capturing(command, now), Due.NOW);
		this.settlement.wakeAfterCommit();
	}

	private DeclineReason whyNotDebited(ChargePayment command) {
		return this.accounts.find(command.customerId())
			.map((account) -> account.currency().equals(command.amount().currency()) ? DeclineReason.INSUFFICIENT_FUNDS
					: DeclineReason.CURRENCY_MISMATCH)
			.orElse(DeclineReason.NO_ACCOUNT);
	}

	/**
	 * Compensation. A refund that overtakes its charge leaves a cancelled tombstone that
	 * makes the late charge decline. Held money whose capture may have reached the
	 * provider goes back only once the provider has refunded it (or confirmed there is
	 * nothing to refund); until then the settlement worker's reply is the answer.
	 */
	private void refund(RefundPayment command) {
		Instant now = Instant.now();
		Payment payment = this.payments.findForUpdate(command.orderId()).orElse(null);
		if (payment == null) {
			String currency = this.accounts.find(command.customerId())
				.map(Account::currency)
				.orElse(Payment.NO_CURRENCY);
			payment = Payment.cancelled(command, currency, now);
			record(payment, Due.NONE);
		}
		else if (payment.status().holdsFunds() && payment.refundsWithoutProvider()) {
			this.accounts.credit(payment.customerId(), payment.amount());
			payment = payment.refunded(now);
			this.payments.update(payment, Due.NONE);
		}
		else if (payment.status() == PaymentStatus.CAPTURING) {
			// its capture may be in flight: the refund waits for the capture's lease
			this.payments.update(payment.refunding(now), Due.UNCHANGED);
			return;
		}
		else if (payment.status().holdsFunds() && payment.status() != PaymentStatus.REFUNDING) {
			this.payments.update(payment.refunding(now), Due.NOW);
			this.settlement.wakeAfterCommit();
			return;
		}
		Payment current = payment;
		payment.replyToRefund(command, now)
			.ifPresentOrElse((reply) -> this.outbox.add(Topics.PAYMENT_EVENTS, reply), () -> log
				.info("No reply to a refund for order {} now: its payment is {}", command.orderId(), current.status()));
	}

	/**
	 * Another instance may have handled a command for the same order at the same time and
	 * committed first: then the commit fails (see {@link PaymentRepository#insert}).
	 * Failing as a concurrency failure rolls back this transaction (and its debit) and
	 * lets the consumer retry the batch, which then finds that payment.
	 */
	private void record(Payment payment, Due due) {
		if (!this.payments.insert(payment, due)) {
			throw new ConcurrencyFailureException(
					"order " + payment.orderId() + " got a payment from a concurrent transaction");
		}
	}

}
