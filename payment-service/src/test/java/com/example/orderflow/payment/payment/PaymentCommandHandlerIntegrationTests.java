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
import com.example.orderflow.messaging.MessagePrincipal;
import com.example.orderflow.messaging.test.KafkaProbe;
import com.example.orderflow.messaging.test.TestKafka;
import com.example.orderflow.payment.PaymentServiceIntegrationTest;
import com.example.orderflow.payment.TestPaymentProvider;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.example.orderflow.payment.payment.PaymentFixtures.charge;
import static com.example.orderflow.payment.payment.PaymentFixtures.newCustomerId;
import static com.example.orderflow.payment.payment.PaymentFixtures.openAccount;
import static com.example.orderflow.payment.payment.PaymentFixtures.refund;
import static com.example.orderflow.payment.payment.PaymentFixtures.resend;
import static org.assertj.core.api.Assertions.assertThat;

class PaymentCommandHandlerIntegrationTests extends PaymentServiceIntegrationTest {

	private static final Duration TIMEOUT = PaymentLedger.TIMEOUT;

	private static final String COMMANDS_DLT = Topics.deadLetterTopicOf(Topics.PAYMENT_COMMANDS);

	private static KafkaProbe probe;

	private final MessageCodec codec = new MessageCodec();

	private PaymentLedger ledger;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PaymentCommandHandler handler;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@Autowired
	private SettlementWorker settlement;

	@BeforeAll
	static void openProbe() {
		probe = new KafkaProbe(TestKafka.bootstrapServers(), Topics.PAYMENT_EVENTS, COMMANDS_DLT);
	}

	@AfterAll
	static void closeProbe() {
		probe.close();
	}

	@BeforeEach
	void openLedger() {
		this.ledger = new PaymentLedger(probe, this.jdbc);
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

	/**
	 * The settlement worker sends the reply after the provider answered, outside the
	 * command's handler: it still names who the command was for.
	 */
	@Test
	void repliesForWhoeverTheChargeWasSentFor() {
		String customer = openAccount(this.jdbc, "EUR", 10_000);
		ChargePayment charge = charge(customer, 2_500);

		this.ledger.send(charge, "support-agent-7");

		assertThat(KafkaProbe.header(this.ledger.awaitReplyRecord(charge.orderId(), PaymentCharged.class),
				MessagePrincipal.HEADER))
			.isEqualTo("support-agent-7");
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
	void refundRestoresTheBalanceOnceEvenIfDeliveredTwiceAndRepliesAgainToAResend() {
		String customer = openAccount(this.jdbc, "EUR", 10_000);
		ChargePayment charge = charge(customer, 4_000);
		send(charge);
		awaitReply(charge.orderId(), PaymentCharged.class);
		RefundPayment refund = refund(charge);

		send(refund);
		send(refund);
		assertThat(awaitReplies(charge.orderId(), 2).get(1)).isInstanceOf(PaymentRefunded.class);
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
		awaitReply(charge.orderId(), PaymentRefunded.class);
		int replies = repliesAfterQuiet(charge.orderId()).size();

		ChargePayment late = resend(charge);
		send(late);

		assertThat(repliesAfterQuiet(charge.orderId())).hasSize(replies);
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

		// the capture waits until all four were handled: a re-send handled after the
		// capture
		// finished is answered again, rightly, which is not what this test is about
		this.settlement.stop();
		inParallel(List.of(charge, resend(charge), resend(charge), resend(charge)), this.settlement::start);

		assertThat(balanceOf(customer)).isEqualTo(7_500);
		assertThat(statusOf(charge.orderId())).isEqualTo("CHARGED");
		// the commands that found the capture in flight leave the answer to it
		assertThat(awaitReplies(charge.orderId(), 1))
			.allSatisfy((reply) -> assertThat(reply).isInstanceOf(PaymentCharged.class));
		assertThat(repliesAfterQuiet(charge.orderId())).hasSize(1);
		assertThat(
				TestPaymentProvider.server()
					.findAll(postRequestedFor(urlEqualTo("/v1/charges"))
						.withRequestBody(matchingJsonPath("$.reference", equalTo(charge.orderId().toString())))))
			.hasSize(1);
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

	/**
	 * Handles each command in its own transaction on its own thread, all released at
	 * once, as several instances would. A handler that loses a race is retried, as the
	 * listener container does.
	 */
	private void inParallel(List<? extends SagaMessage> commands) throws Exception {
		inParallel(commands, () -> {
		});
	}

	/**
	 * @param beforeSettling runs once every command was handled, before waiting for the
	 * provider calls they made due
	 */
	private void inParallel(List<? extends SagaMessage> commands, Runnable beforeSettling) throws Exception {
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
			try {
				for (Future<?> future : done) {
					future.get(30, TimeUnit.SECONDS);
				}
			}
			finally {
				beforeSettling.run();
			}
			commands.forEach((command) -> PaymentFixtures.awaitSettled(this.jdbc, command.orderId()));
		}
		finally {
			threads.shutdownNow();
		}
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

	private void send(SagaMessage message) {
		this.ledger.send(message);
	}

	private <T extends SagaMessage> T awaitReply(UUID orderId, Class<T> type) {
		return this.ledger.awaitReply(orderId, type);
	}

	private List<SagaMessage> awaitReplies(UUID orderId, int count) {
		return this.ledger.awaitReplies(orderId, count);
	}

	private List<SagaMessage> repliesAfterQuiet(UUID orderId) {
		return this.ledger.repliesAfterQuiet(orderId);
	}

	private long balanceOf(String customerId) {
		return this.ledger.balanceOf(customerId);
	}

	private String statusOf(UUID orderId) {
		return this.ledger.statusOf(orderId);
	}

	private void assertMoneyConserved(String customerId) {
		this.ledger.assertMoneyConserved(customerId);
	}

}
