package com.example.orderflow.order.orders;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.example.orderflow.contracts.MessageTypes;
import com.example.orderflow.contracts.OrderCommand.ApproveOrder;
import com.example.orderflow.contracts.OrderCommand.RejectOrder;
import com.example.orderflow.contracts.OrderEvent.OrderApproved;
import com.example.orderflow.contracts.OrderEvent.OrderRejected;
import com.example.orderflow.contracts.RejectionReason;
import com.example.orderflow.contracts.SagaMessage;
import com.example.orderflow.contracts.Topics;
import com.example.orderflow.messaging.MessageCodec;
import com.example.orderflow.messaging.MessagePrincipal;
import com.example.orderflow.messaging.test.KafkaProbe;
import com.example.orderflow.messaging.test.TestKafka;
import com.example.orderflow.order.IntegrationTestSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static com.example.orderflow.order.orders.OrderFixtures.FIRST_UNIT_PRICE;
import static com.example.orderflow.order.orders.OrderFixtures.SECOND_UNIT_PRICE;
import static com.example.orderflow.order.orders.OrderFixtures.approveOrder;
import static com.example.orderflow.order.orders.OrderFixtures.placeOrder;
import static com.example.orderflow.order.orders.OrderFixtures.rejectOrder;
import static com.example.orderflow.order.orders.OrderFixtures.rejectPricedOrder;
import static com.example.orderflow.order.orders.OrderFixtures.resent;
import static com.example.orderflow.order.orders.OrderFixtures.totalOf;
import static org.assertj.core.api.Assertions.assertThat;

class OrderCommandHandlerIntegrationTests extends IntegrationTestSupport {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final MessageCodec codec = new MessageCodec();

	private static KafkaProbe probe;

	@Autowired
	private OrderPlacement placement;

	@Autowired
	private OrderRepository orders;

	@BeforeAll
	static void listen() {
		probe = new KafkaProbe(TestKafka.bootstrapServers(), Topics.ORDER_EVENTS,
				Topics.deadLetterTopicOf(Topics.ORDER_COMMANDS));
	}

	@AfterAll
	static void stopListening() {
		probe.close();
	}

	@Test
	void approvingAPendingOrderStoresItsPricesAndPublishesOrderApproved() {
		Order order = newPendingOrder();
		ApproveOrder command = approveOrder(order);

		send(command);

		ConsumerRecord<String, String> reply = probe.await(KafkaProbe.ofType("OrderApproved", key(order)), TIMEOUT);
		OrderApproved approved = (OrderApproved) codec.decode("OrderApproved", reply.value());
		assertThat(approved.sagaId()).isEqualTo(order.sagaId());
		assertThat(approved.messageId()).isNotEqualTo(command.messageId());
		Order stored = this.orders.findById(order.id()).orElseThrow();
		assertThat(stored.status()).isEqualTo(OrderStatus.APPROVED);
		assertThat(stored.total()).isEqualTo(totalOf(order).amount());
		assertThat(stored.lines()).extracting(OrderLine::unitPrice)
			.containsExactly(FIRST_UNIT_PRICE, SECOND_UNIT_PRICE);
		assertThat(stored.updatedAt()).isAfter(order.updatedAt());
	}

	@Test
	void theVerdictsReplyCarriesOnThePrincipalOfTheCommand() {
		Order approved = newPendingOrder();
		Order rejected = newPendingOrder();

		probe.send(Topics.ORDER_COMMANDS, key(approved), "ApproveOrder", codec.encode(approveOrder(approved)),
				Map.of(MessagePrincipal.HEADER, "alice"));
		probe.send(Topics.ORDER_COMMANDS, key(rejected), "RejectOrder",
				codec.encode(rejectOrder(rejected, RejectionReason.OUT_OF_STOCK)), Map.of());

		assertThat(KafkaProbe.header(probe.await(KafkaProbe.ofType("OrderApproved", key(approved)), TIMEOUT),
				MessagePrincipal.HEADER))
			.isEqualTo("alice");
		assertThat(KafkaProbe.header(probe.await(KafkaProbe.ofType("OrderRejected", key(rejected)), TIMEOUT),
				MessagePrincipal.HEADER))
			.as("a command from an older orchestrator, without the header")
			.isNull();
	}

	@Test
	void aRedeliveredApprovalIsAppliedOnceAndAResentOneOnlyRepeatsTheReply() {
		Order order = newPendingOrder();
		ApproveOrder command = approveOrder(order);
		send(command);
		probe.await(KafkaProbe.ofType("OrderApproved", key(order)), TIMEOUT);
		Order approved = this.orders.findById(order.id()).orElseThrow();

		send(command);
		send(resent(command));

		// All three share the order's partition, so the reply to the re-sent command also
		// proves the redelivery before it was consumed.
		awaitCount("OrderApproved", order, 2);
		assertThat(countOf("OrderApproved", order, Duration.ofSeconds(1))).isEqualTo(2);
		assertThat(this.orders.findById(order.id())).contains(approved);
	}

	@Test
	void rejectingAPendingOrderStoresTheReasonAndPublishesOrderRejected() {
		Order order = newPendingOrder();

		send(rejectPricedOrder(order, RejectionReason.PAYMENT_DECLINED));

		ConsumerRecord<String, String> reply = probe.await(KafkaProbe.ofType("OrderRejected", key(order)), TIMEOUT);
		OrderRejected rejected = (OrderRejected) codec.decode("OrderRejected", reply.value());
		assertThat(rejected.reason()).isEqualTo(RejectionReason.PAYMENT_DECLINED);
		assertThat(rejected.sagaId()).isEqualTo(order.sagaId());
		Order stored = this.orders.findById(order.id()).orElseThrow();
		assertThat(stored.status()).isEqualTo(OrderStatus.REJECTED);
		assertThat(stored.reason()).isEqualTo(RejectionReason.PAYMENT_DECLINED);
		assertThat(stored.total()).isEqualTo(totalOf(order).amount());
		assertThat(stored.lines()).extracting(OrderLine::unitPrice)
			.containsExactly(FIRST_UNIT_PRICE, SECOND_UNIT_PRICE);
	}

	@Test
	void rejectingBeforePricingLeavesTheOrderUnpriced() {
		Order order = newPendingOrder();

		send(rejectOrder(order, RejectionReason.OUT_OF_STOCK));

		probe.await(KafkaProbe.ofType("OrderRejected", key(order)), TIMEOUT);
		Order stored = this.orders.findById(order.id()).orElseThrow();
		assertThat(stored.status()).isEqualTo(OrderStatus.REJECTED);
		assertThat(stored.reason()).isEqualTo(RejectionReason.OUT_OF_STOCK);
		assertThat(stored.total()).isNull();
		assertThat(stored.lines()).extracting(OrderLine::unitPrice).containsOnlyNulls();
	}

	@Test
	void aResentRejectionRepeatsTheFirstReasonAndChangesNothing() {
		Order order = newPendingOrder();
		RejectOrder command = rejectOrder(order, RejectionReason.OUT_OF_STOCK);
		send(command);
		probe.await(KafkaProbe.ofType("OrderRejected", key(order)), TIMEOUT);
		Order rejected = this.orders.findById(order.id()).orElseThrow();

		send(resent(command, RejectionReason.TIMEOUT));

		List<ConsumerRecord<String, String>> replies = awaitCount("OrderRejected", order, 2);
		assertThat(replies)
			.extracting((record) -> ((OrderRejected) codec.decode("OrderRejected", record.value())).reason())
			.containsOnly(RejectionReason.OUT_OF_STOCK);
		assertThat(this.orders.findById(order.id())).contains(rejected);
	}

	@Test
	void approvingARejectedOrderIsDeadLettered() {
		Order order = newPendingOrder();
		send(rejectOrder(order, RejectionReason.OUT_OF_STOCK));
		probe.await(KafkaProbe.ofType("OrderRejected", key(order)), TIMEOUT);

		send(approveOrder(order));

		ConsumerRecord<String, String> parked = awaitDeadLetter(key(order));
		assertThat(KafkaProbe.header(parked, "dlt-reason")).contains("rejected");
		assertThat(KafkaProbe.header(parked, "type")).isEqualTo("ApproveOrder");
		assertThat(this.orders.findById(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.REJECTED);
		assertThat(countOf("OrderApproved", order, Duration.ofSeconds(1))).isZero();
	}

	@Test
	void aCommandForAnUnknownOrderIsDeadLettered() {
		Order unknown = OrderFixtures.pendingOrder();

		send(approveOrder(unknown));

		ConsumerRecord<String, String> parked = awaitDeadLetter(key(unknown));
		assertThat(KafkaProbe.header(parked, "dlt-reason")).contains("does not exist");
	}

	@Test
	void aMalformedCommandIsDeadLettered() {
		String key = UUID.randomUUID().toString();

		probe.send(Topics.ORDER_COMMANDS, key, "ApproveOrder", "{\"orderId\": \"not a uuid\"");

		ConsumerRecord<String, String> parked = awaitDeadLetter(key);
		assertThat(KafkaProbe.header(parked, "dlt-reason")).isNotBlank();
		assertThat(parked.value()).isEqualTo("{\"orderId\": \"not a uuid\"");
	}

	private Order newPendingOrder() {
		PlacedOrder placed = this.placement.place(UUID.randomUUID().toString(), placeOrder(), "orderflow-tools");
		return this.orders.findById(placed.orderId()).orElseThrow();
	}

	private static void send(SagaMessage command) {
		probe.send(Topics.ORDER_COMMANDS, command.key(), MessageTypes.nameOf(command), codec.encode(command));
	}

	private static ConsumerRecord<String, String> awaitDeadLetter(String key) {
		return probe.await((record) -> record.topic().equals(Topics.deadLetterTopicOf(Topics.ORDER_COMMANDS))
				&& key.equals(record.key()), TIMEOUT);
	}

	private static List<ConsumerRecord<String, String>> awaitCount(String type, Order order, int count) {
		Instant deadline = Instant.now().plus(TIMEOUT);
		List<ConsumerRecord<String, String>> replies = List.of();
		while (replies.size() < count) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("expected " + count + " " + type + " for " + key(order) + " within " + TIMEOUT
						+ " but got " + replies.size());
			}
			replies = repliesOf(type, order, probe.received(Duration.ofMillis(200)));
		}
		return replies;
	}

	private static long countOf(String type, Order order, Duration quietFor) {
		return repliesOf(type, order, probe.received(quietFor)).size();
	}

	private static List<ConsumerRecord<String, String>> repliesOf(String type, Order order,
			List<ConsumerRecord<String, String>> records) {
		return records.stream().filter(KafkaProbe.ofType(type, key(order))).toList();
	}

	private static String key(Order order) {
		return order.id().toString();
	}

}
