package com.example.orderflow.payment.payment;

import java.time.Instant;
import java.util.UUID;

import com.example.orderflow.contracts.Money;
import com.example.orderflow.contracts.PaymentCommand.ChargePayment;
import com.example.orderflow.contracts.PaymentCommand.RefundPayment;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Commands as the orchestrator sends them, and accounts to charge. */
final class PaymentFixtures {

	private PaymentFixtures() {
	}

	/** Unique per call: the broker and the database are shared by every test. */
	static String newCustomerId() {
		return "customer-" + UUID.randomUUID();
	}

	static ChargePayment charge(String customerId, long amount) {
		return charge(customerId, new Money(amount, "EUR"));
	}

	static ChargePayment charge(String customerId, Money amount) {
		return new ChargePayment(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Instant.now(), customerId,
				amount);
	}

	/**
	 * What the orchestrator sends when the step's deadline passed: same order, new id.
	 */
	static ChargePayment resend(ChargePayment charge) {
		return new ChargePayment(UUID.randomUUID(), charge.sagaId(), charge.orderId(), Instant.now(),
				charge.customerId(), charge.amount());
	}

	static RefundPayment refund(ChargePayment charge) {
		return new RefundPayment(UUID.randomUUID(), charge.sagaId(), charge.orderId(), Instant.now(),
				charge.customerId());
	}

	static RefundPayment resend(RefundPayment refund) {
		return new RefundPayment(UUID.randomUUID(), refund.sagaId(), refund.orderId(), Instant.now(),
				refund.customerId());
	}

	/**
	 * An account holding {@code balance}, recorded as one deposit so money is conserved.
	 */
	static String openAccount(JdbcClient jdbc, String currency, long balance) {
		String customerId = newCustomerId();
		jdbc.sql("insert into accounts (customer_id, currency, balance) values (?, ?, ?)")
			.params(customerId, currency, balance)
			.update();
		if (balance > 0) {
			jdbc.sql("insert into deposits (customer_id, amount) values (?, ?)").params(customerId, balance).update();
		}
		return customerId;
	}

	/**
	 * Waits until the settlement worker has no provider call left for the order's
	 * payment.
	 */
	static void awaitSettled(JdbcClient jdbc, UUID orderId) {
		Instant deadline = Instant.now().plusSeconds(30);
		while (jdbc.sql("select count(*) from payments where order_id = ? and status in ('CAPTURING', 'REFUNDING')")
			.param(orderId)
			.query(Integer.class)
			.single() > 0) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("payment of order " + orderId + " still waits for the provider");
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

}
