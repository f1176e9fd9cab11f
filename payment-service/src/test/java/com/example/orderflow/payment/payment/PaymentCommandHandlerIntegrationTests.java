package com.example.orderflow.payment.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.example.orderflow.contracts.MessageTypes;
import com.example.orderflow.contracts.Money;
import com.example.orderflow.contracts.PaymentCommand.ChargePayment;
import com.example.orderflow.contracts.PaymentCommand.RefundPayment;
import com.example.orderflow.contracts.PaymentEvent.PaymentCharged;
import com.example.orderflow.contracts.PaymentEvent.PaymentDeclined;
import com.example.orderflow.contracts.PaymentEvent.PaymentRefunded;
import com.example.orderflow.contracts.SagaMessage;
import com.example.orderflow.contracts.Topics;
import com.example.orderflow.messaging.MessageCodec;
import com.example.orderflow.messaging.test.KafkaProbe;
import com.example.orderflow.messaging.test.TestKafka;
import com.example.orderflow.payment.PaymentServiceIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static com.example.orderflow.payment.payment.PaymentFixtures.charge;
import static com.example.orderflow.payment.payment.PaymentFixtures.newCustomerId;
import static com.example.orderflow.payment.payment.PaymentFixtures.openAccount;
import static com.example.orderflow.payment.payment.PaymentFixtures.refund;
import static com.example.orderflow.payment.payment.PaymentFixtures.resend;
import static org.assertj.core.api.Assertions.assertThat;

class PaymentCommandHandlerIntegrationTests extends PaymentServiceIntegrationTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	/** Long enough for a duplicate that would have been answered to show up. */
	private static final Duration QUIET = Duration.ofSeconds(2);

	private static final String COMMANDS_DLT = Topics.deadLetterTopicOf(Topics.PAYMENT_COMMANDS);

	private static KafkaProbe probe;

	private final MessageCodec codec = new MessageCodec();

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PaymentCommandHandler handler;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@BeforeAll
	static void openProbe() {
		probe = new KafkaProbe(TestKafka.bootstrapServers(), Topics.PAYMENT_EVENTS, COMMANDS_DLT);
	}

	@AfterAll
	static void closeProbe() {
		probe.close();
	}

	@Test
	void chargesOnceAndRepliesPaymentChargedWhenTheBalanceCoversTheAmount() {
		String customer = openAccount(this.jdbc, "EUR", 10_000);
		ChargePayment charge = charge(customer, 2_500);

		send(charge);

		PaymentCharged reply = awaitReply(charge.orderId(), PaymentCharged.class);
		assertThat(reply.amount()).isEqualTo(new Money(2_500, "EUR"));
		assertThat(reply.sagaId()).isEqualTo(charge.sagaId());
		assertThat(balanceOf(customer)).isEqualTo(7_500);
		assertThat(statusOf(charge.orderId())).isEqualTo("CHARGED");
		assertMoneyConserved(customer);
	}

	@Test
	void declinesWithInsufficientFundsWithoutTouchingTheBalance() {
		String customer = openAccount(this.jdbc, "EUR", 1_000);
		ChargePayment charge = charge(customer, 2_500);

		send(charge);

		assertThat(awaitReply(charge.orderId(), PaymentDeclined.class).reason()).isEqualTo("INSUFFICIENT_FUNDS");
		assertThat(balanceOf(customer)).isEqualTo(1_000);
		assertThat(statusOf(charge.orderId())).isEqualTo("DECLINED");
		assertThat(declineReasonOf(charge.orderId())).isEqualTo("INSUFFICIENT_FUNDS");
		assertMoneyConserved(customer);
	}

	@Test
	void declinesAnUnknownCustomerWithNoAccount() {
		ChargePayment charge = charge(newCustomerId(), 2_500);

		send(charge);

		assertThat(awaitReply(charge.orderId(), PaymentDeclined.class).reason()).isEqualTo("NO_ACCOUNT");
		assertThat(declineReasonOf(charge.orderId())).isEqualTo("NO_ACCOUNT");
	}

	@Test
	void declinesAChargeInAnotherCurrencyThanTheAccountsWithCurrencyMismatch() {
		String customer = openAccount(this.jdbc, "EUR", 10_000);
		ChargePayment charge = charge(customer, new Money(2_500, "USD"));

		send(charge);

		assertThat(awaitReply(charge.orderId(), PaymentDeclined.class).reason()).isEqualTo("CURRENCY_MISMATCH");
		assertThat(balanceOf(customer)).isEqualTo(10_000);
	}

	@Test
	void chargesOnceAndRepliesOnceWhenTheSameCommandIsDeliveredTwice() {
		String customer = openAccount(this.jdbc, "EUR", 10_000);
		ChargePayment charge = charge(customer, 2_500);

		send(charge);
		send(charge);

		awaitReply(charge.orderId(), PaymentCharged.class);
		assertThat(repliesAfterQuiet(charge.orderId())).hasSize(1);
		assertThat(balanceOf(customer)).isEqualTo(7_500);
		assertMoneyConserved(customer);
	}

	@Test
	void chargesOnceAndRepliesAgainWhenTheCommandIsResentWithANewMessageId() {
		String customer = openAccount(this.jdbc, "EUR", 10_000);
		ChargePayment charge = charge(customer, 2_500);
		send(charge);
		awaitReply(charge.orderId(), PaymentCharged.class);

		send(resend(charge));

		List<SagaMessage> replies = awaitReplies(charge.orderId(), 2);
		assertThat(replies).allSatisfy((reply) -> assertThat(reply).isInstanceOfSatisfying(PaymentCharged.class,
				(charged) -> assertThat(charged.amount()).isEqualTo(new Money(2_500, "EUR"))));
		assertThat(repliesAfterQuiet(charge.orderId())).hasSize(2);
		assertThat(balanceOf(customer)).isEqualTo(7_500);
		assertMoneyConserved(customer);
	}

	@Test
	void refundRestoresTheBalanceOnceEvenIfDeliveredTwice() {
		String customer = openAccount(this.jdbc, "EUR", 10_000);
		ChargePayment charge = charge(customer, 4_000);
		send(charge);
		awaitReply(charge.orderId(), PaymentCharged.class);
		RefundPayment refund = refund(charge);

		send(refund);
		send(refund);
		send(resend(refund));

		List<SagaMessage> replies = awaitReplies(charge.orderId(), 3);
		assertThat(replies.subList(1, 3))
			.allSatisfy((reply) -> assertThat(reply).isInstanceOfSatisfying(PaymentRefunded.class,
					(refunded) -> assertThat(refunded.refunded()).isEqualTo(new Money(4_000, "EUR"))));
		assertThat(repliesAfterQuiet(charge.orderId())).hasSize(3);
		assertThat(balanceOf(customer)).isEqualTo(10_000);
		assertThat(statusOf(charge.orderId())).isEqualTo("REFUNDED");
		assertMoneyConserved(customer);
	}

	@Test
	void refundBeforeChargeLeavesACancelledTombstoneAndTheLateChargeDoesNotDebit() {
		String customer = openAccount(this.jdbc, "EUR", 10_000);
		ChargePayment charge = charge(customer, 4_000);

		send(refund(charge));
		assertThat(awaitReply(charge.orderId(), PaymentRefunded.class).refunded()).isEqualTo(new Money(0, "EUR"));
		assertThat(statusOf(charge.orderId())).isEqualTo("CANCELLED");

		send(charge);
		List<SagaMessage> replies = awaitReplies(charge.orderId(), 2);
		assertThat(replies.get(1)).isInstanceOfSatisfying(PaymentDeclined.class,
				(declined) -> assertThat(declined.reason()).isEqualTo("CANCELLED"));
		assertThat(balanceOf(customer)).isEqualTo(10_000);
		assertThat(statusOf(charge.orderId())).isEqualTo("CANCELLED");
		assertMoneyConserved(customer);
	}

	@Test
	void refundForACustomerWithoutAccountLeavesATombstoneInNoCurrency() {
		ChargePayment charge = charge(newCustomerId(), 4_000);

		send(refund(charge));

		assertThat(awaitReply(charge.orderId(), PaymentRefunded.class).refunded()).isEqualTo(new Money(0, "XXX"));
		assertThat(statusOf(charge.orderId())).isEqualTo("CANCELLED");
	}

	@Test
	void ignoresAChargeResentAfterItsPaymentWasRefunded() {
		String customer = openAccount(this.jdbc, "EUR", 10_000);
		ChargePayment charge = charge(customer, 4_000);
		send(charge);
		send(refund(charge));
		awaitReplies(charge.orderId(), 2);

		ChargePayment late = resend(charge);
		send(late);

		assertThat(repliesAfterQuiet(charge.orderId())).hasSize(2);
		assertThat(wasReceived(late)).isTrue();
		assertThat(balanceOf(customer)).isEqualTo(10_000);
		assertMoneyConserved(customer);
	}

	@Test
	void concurrentChargesOverKafkaChargeExactlyOneWhenTheBalanceCoversOnlyOne() {
		String customer = openAccount(this.jdbc, "EUR", 1_000);
		List<ChargePayment> charges = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			charges.add(charge(customer, 600));
		}

		charges.forEach(this::send);

		List<SagaMessage> replies = charges.stream().map((charge) -> awaitReplies(charge.orderId(), 1).get(0)).toList();
		assertThat(replies).filteredOn(PaymentCharged.class::isInstance).hasSize(1);
		assertThat(replies).filteredOn(PaymentDeclined.class::isInstance)
			.hasSize(11)
			.allSatisfy((reply) -> assertThat(((PaymentDeclined) reply).reason()).isEqualTo("INSUFFICIENT_FUNDS"));
		assertThat(balanceOf(customer)).isEqualTo(400);
		assertMoneyConserved(customer);
	}

	@Test
	void parallelTransactionsChargingOneCustomerNeverTakeTheBalanceBelowZero() throws Exception {
		String customer = openAccount(this.jdbc, "EUR", 1_000);
		List<ChargePayment> charges = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			charges.add(charge(customer, 600));
		}

		inParallel(charges);

		List<String> statuses = charges.stream().map((charge) -> statusOf(charge.orderId())).toList();
		assertThat(statuses).filteredOn("CHARGED"::equals).hasSize(1);
		assertThat(statuses).filteredOn("DECLINED"::equals).hasSize(5);
		assertThat(balanceOf(customer)).isEqualTo(400);
		assertMoneyConserved(customer);
	}

	@Test
	void chargesAnOrderOnceWhenTwoInstancesHandleItAtTheSameTime() throws Exception {
		String customer = openAccount(this.jdbc, "EUR", 10_000);
		ChargePayment charge = charge(customer, 2_500);

		inParallel(List.of(charge, resend(charge), resend(charge), resend(charge)));

		assertThat(balanceOf(customer)).isEqualTo(7_500);
		assertThat(statusOf(charge.orderId())).isEqualTo("CHARGED");
		assertThat(awaitReplies(charge.orderId(), 4))
			.allSatisfy((reply) -> assertThat(reply).isInstanceOf(PaymentCharged.class));
		assertMoneyConserved(customer);
	}

	@Test
	void parksAMalformedRecordOnTheDeadLetterTopicAndCarriesOn() {
		String customer = openAccount(this.jdbc, "EUR", 10_000);
		ChargePayment charge = charge(customer, 2_500);
		String key = charge.orderId().toString();

		probe.send(Topics.PAYMENT_COMMANDS, key, "ChargePayment", "{\"this is\": not json");
		send(charge);

		ConsumerRecord<String, String> parked = probe
			.await((record) -> record.topic().equals(COMMANDS_DLT) && key.equals(record.key()), TIMEOUT);
		assertThat(KafkaProbe.header(parked, "dlt-reason")).isNotBlank();
		assertThat(parked.value()).isEqualTo("{\"this is\": not json");
		assertThat(awaitReply(charge.orderId(), PaymentCharged.class).amount()).isEqualTo(new Money(2_500, "EUR"));
		assertThat(balanceOf(customer)).isEqualTo(7_500);
	}

	@Test
	void parksAWellFormedMessageThatIsNoPaymentCommand() {
		UUID orderId = UUID.randomUUID();
		PaymentCharged stray = new PaymentCharged(UUID.randomUUID(), UUID.randomUUID(), orderId, Instant.now(),
				new Money(1, "EUR"));

		probe.send(Topics.PAYMENT_COMMANDS, orderId.toString(), MessageTypes.nameOf(stray), this.codec.encode(stray));

		ConsumerRecord<String, String> parked = probe
			.await((record) -> record.topic().equals(COMMANDS_DLT) && orderId.toString().equals(record.key()), TIMEOUT);
		assertThat(KafkaProbe.header(parked, "dlt-reason")).isEqualTo("no handler for PaymentCharged");
	}

	private void send(SagaMessage message) {
		probe.send(Topics.PAYMENT_COMMANDS, message.key(), MessageTypes.nameOf(message), this.codec.encode(message));
	}

	private <T extends SagaMessage> T awaitReply(UUID orderId, Class<T> type) {
		ConsumerRecord<String, String> record = probe.await(KafkaProbe.ofType(type.getSimpleName(), orderId.toString())
			.and((candidate) -> candidate.topic().equals(Topics.PAYMENT_EVENTS)), TIMEOUT);
		return type.cast(decode(record));
	}

	/** The first {@code count} replies about the order, in the order they were sent. */
	private List<SagaMessage> awaitReplies(UUID orderId, int count) {
		Instant deadline = Instant.now().plus(TIMEOUT);
		while (true) {
			List<SagaMessage> replies = replies(orderId, Duration.ofMillis(200));
			if (replies.size() >= count) {
				return replies.subList(0, count);
			}
			assertThat(Instant.now()).as("%d replies about order %s, got %s", count, orderId, replies)
				.isBefore(deadline);
		}
	}

	private List<SagaMessage> repliesAfterQuiet(UUID orderId) {
		return replies(orderId, QUIET);
	}

	private List<SagaMessage> replies(UUID orderId, Duration wait) {
		return probe.received(wait)
			.stream()
			.filter((record) -> record.topic().equals(Topics.PAYMENT_EVENTS))
			.filter((record) -> orderId.toString().equals(record.key()))
			.map(this::decode)
			.toList();
	}

	private SagaMessage decode(ConsumerRecord<String, String> record) {
		return this.codec.decode(KafkaProbe.header(record, MessageCodec.TYPE_HEADER), record.value());
	}

	/**
	 * Handles each command in its own transaction on its own thread, all released at
	 * once, as several instances would. A handler that loses a race is retried, as the
	 * listener container does.
	 */
	private void inParallel(List<? extends SagaMessage> commands) throws Exception {
		TransactionTemplate transactions = new TransactionTemplate(this.transactionManager);
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(commands.size());
		try {
			List<Future<?>> done = new ArrayList<>();
			for (SagaMessage command : commands) {
				done.add(threads.submit(() -> {
					start.await();
					for (int attempt = 1;; attempt++) {
						try {
							transactions.executeWithoutResult((status) -> this.handler.handle(command));
							return null;
						}
						catch (ConcurrencyFailureException ex) {
							if (attempt == 5) {
								throw ex;
							}
						}
					}
				}));
			}
			start.countDown();
			for (Future<?> future : done) {
				future.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	private long balanceOf(String customerId) {
		return this.jdbc.sql("select balance from accounts where customer_id = ?")
			.param(customerId)
			.query(Long.class)
			.single();
	}

	private String statusOf(UUID orderId) {
		return this.jdbc.sql("select status from payments where order_id = ?")
			.param(orderId)
			.query(String.class)
			.single();
	}

	private boolean wasReceived(SagaMessage message) {
		return this.jdbc.sql("select count(*) from inbox where message_id = ?")
			.param(message.messageId())
			.query(Integer.class)
			.single() == 1;
	}

	private String declineReasonOf(UUID orderId) {
		return this.jdbc.sql("select decline_reason from payments where order_id = ?")
			.param(orderId)
			.query(String.class)
			.single();
	}

	/**
	 * Money only moves between the balance and charged payments: what is in the account
	 * plus what is held by charged payments is what was deposited.
	 */
	private void assertMoneyConserved(String customerId) {
		long deposited = this.jdbc.sql("select coalesce(sum(amount), 0) from deposits where customer_id = ?")
			.param(customerId)
			.query(Long.class)
			.single();
		long charged = this.jdbc
			.sql("select coalesce(sum(amount), 0) from payments where customer_id = ? and status = 'CHARGED'")
			.param(customerId)
			.query(Long.class)
			.single();
		assertThat(balanceOf(customerId) + charged).isEqualTo(deposited);
	}

}
