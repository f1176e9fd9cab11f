package com.example.orderflow.payment.payment;

import java.util.List;
import java.util.UUID;

import com.example.orderflow.contracts.PaymentCommand.ChargePayment;
import com.example.orderflow.contracts.SagaMessage;
import com.example.orderflow.payment.PaymentServiceIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static com.example.orderflow.payment.payment.PaymentFixtures.charge;
import static com.example.orderflow.payment.payment.PaymentFixtures.openAccount;
import static com.example.orderflow.payment.payment.PaymentFixtures.refund;
import static com.example.orderflow.payment.payment.PaymentFixtures.resend;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A consumer's batch applies many commands in one transaction: their payments locked with
 * one statement, written in memory, stored set-based just before the commit. Every
 * payment must end as if each command had had a transaction of its own, and nothing of a
 * rolled-back batch may stay. Driven the way the consumer drives the handler, against the
 * real PostgreSQL, with the settlement worker stopped so that what the batch stored stays
 * as it is.
 */
class PaymentBatchIntegrationTests extends PaymentServiceIntegrationTest {

	@Autowired
	PaymentCommandHandler handler;

	@Autowired
	SettlementWorker settlement;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void stopSettlement() {
		this.settlement.stop();
	}

	@AfterEach
	void startSettlement() {
		this.settlement.start();
	}

	@Test
	void aBatchOfCommandsEndsAsIfEachHadItsOwnTransaction() {
		String customer = openAccount(this.jdbc, "EUR", 10_000);
		ChargePayment chargedThenRefunded = charge(customer, 1_000);
		ChargePayment charged = charge(customer, 2_000);
		ChargePayment refundedFirst = charge(customer, 3_000);

		applyInOneTransaction(List.of(chargedThenRefunded, charged, refund(refundedFirst), resend(charged),
				refund(chargedThenRefunded), refundedFirst));

		Row refunding = row(chargedThenRefunded.orderId());
		assertThat(refunding.status()).as("the refund waits for the capture's lease").isEqualTo("REFUNDING");
		assertThat(refunding.due()).as("its call still due, as the charge made it").isTrue();
		Row capturing = row(charged.orderId());
		assertThat(capturing.status()).isEqualTo("CAPTURING");
		assertThat(capturing.due()).isTrue();
		Row tombstone = row(refundedFirst.orderId());
		assertThat(tombstone.status()).as("the late charge finds the tombstone").isEqualTo("CANCELLED");
		assertThat(tombstone.due()).isFalse();
		assertThat(balanceOf(customer)).as("two charges held, the late one not debited").isEqualTo(7_000);
	}

	@Test
	void aPaymentAnotherInstanceCommitsMeanwhileFailsTheBatchAndLeavesNothing() {
		String customer = openAccount(this.jdbc, "EUR", 10_000);
		ChargePayment other = charge(customer, 1_000);
		ChargePayment raced = charge(customer, 2_500);

		assertThatExceptionOfType(ConcurrencyFailureException.class)
			.isThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
				List<SagaMessage> batch = List.of(other, raced);
				this.handler.lockAll(batch);
				// what another instance handling the same command commits after this
				// batch found no payment
				insertElsewhere(raced);
				batch.forEach(this.handler::handle);
			}));

		assertThat(balanceOf(customer)).as("neither debit stays").isEqualTo(10_000);
		assertThat(this.jdbc.sql("select count(*) from payments where order_id = ?")
			.param(other.orderId())
			.query(Integer.class)
			.single()).isZero();
		assertThat(row(raced.orderId()).status()).as("the other instance's").isEqualTo("DECLINED");
	}

	private void applyInOneTransaction(List<SagaMessage> batch) {
		this.transactions.executeWithoutResult((status) -> {
			this.handler.lockAll(batch);
			batch.forEach(this.handler::handle);
		});
	}

	/** A payment committed on a connection of its own, as another instance would. */
	private void insertElsewhere(ChargePayment charge) {
		TransactionTemplate separate = new TransactionTemplate(this.transactions.getTransactionManager());
		separate.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
		separate.executeWithoutResult((status) -> this.jdbc.sql("""
				insert into payments (order_id, saga_id, customer_id, amount, currency, status, decline_reason)
				values (?, ?, ?, ?, 'EUR', 'DECLINED', 'INSUFFICIENT_FUNDS')""")
			.params(charge.orderId(), charge.sagaId(), charge.customerId(), charge.amount().amount())
			.update());
	}

	private Row row(UUID orderId) {
		return this.jdbc.sql("select status, due_at is not null as due from payments where order_id = ?")
			.param(orderId)
			.query((rs, n) -> new Row(rs.getString("status"), rs.getBoolean("due")))
			.single();
	}

	private long balanceOf(String customer) {
		return this.jdbc.sql("select balance from accounts where customer_id = ?")
			.param(customer)
			.query(Long.class)
			.single();
	}

	private record Row(String status, boolean due) {
	}

}
