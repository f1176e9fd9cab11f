package com.example.orderflow.orchestrator.placeorder;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.example.orderflow.contracts.InventoryCommand.ConfirmReservation;
import com.example.orderflow.contracts.InventoryCommand.ReleaseStock;
import com.example.orderflow.contracts.InventoryCommand.ReserveStock;
import com.example.orderflow.contracts.OrderCommand.ApproveOrder;
import com.example.orderflow.contracts.OrderCommand.RejectOrder;
import com.example.orderflow.contracts.OrderEvent.OrderPlaced;
import com.example.orderflow.contracts.PaymentCommand.ChargePayment;
import com.example.orderflow.contracts.PaymentCommand.RefundPayment;
import com.example.orderflow.contracts.RejectionReason;
import com.example.orderflow.contracts.Topics;
import com.example.orderflow.messaging.test.KafkaProbe;
import com.example.orderflow.messaging.test.TestDatabase;
import com.example.orderflow.messaging.test.TestKafka;
import com.example.orderflow.servicesecurity.test.TestIssuer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.http.HttpStatusCode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.orderApproved;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.orderPlaced;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.orderRejected;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.outOfStock;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.paymentCharged;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.paymentDeclined;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.paymentRefunded;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.reservationConfirmed;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.stockReleased;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.stockReserved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Every saga path against the real orchestrator, PostgreSQL and Kafka; the test answers
 * the commands in place of the participants.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "orchestrator.saga.step-timeout=3s", "orchestrator.saga.max-step-attempts=2" })
// a cached context would stay in the consumer group and take other tests' messages
@DirtiesContext
class PlaceOrderSagaIntegrationTests {

	static final TestDatabase database = TestDatabase.create("orchestrator");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		TestIssuer.register(registry);
		registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
	}

	@Value("${local.server.port}")
	int port;

	final Participants participants = new Participants();

	@AfterEach
	void close() {
		this.participants.close();
	}

	@Test
	void approvesAnOrderThroughEveryStep() {
		OrderPlaced placed = orderPlaced();
		this.participants.publish(Topics.ORDER_EVENTS, placed);

		ReserveStock reserve = this.participants.awaitCommand(ReserveStock.class, placed);
		assertThat(reserve.items()).isEqualTo(placed.items());
		assertThat(reserve.sagaId()).isEqualTo(placed.sagaId());
		this.participants.publish(Topics.INVENTORY_EVENTS, stockReserved(placed));
		ChargePayment charge = this.participants.awaitCommand(ChargePayment.class, placed);
		assertThat(charge.amount()).isEqualTo(SagaFixtures.TOTAL);
		this.participants.publish(Topics.PAYMENT_EVENTS, paymentCharged(placed));
		this.participants.awaitCommand(ConfirmReservation.class, placed);
		this.participants.publish(Topics.INVENTORY_EVENTS, reservationConfirmed(placed));
		ApproveOrder approve = this.participants.awaitCommand(ApproveOrder.class, placed);
		assertThat(approve.total()).isEqualTo(SagaFixtures.TOTAL);
		this.participants.publish(Topics.ORDER_EVENTS, orderApproved(placed));

		Map<String, Object> saga = awaitState(placed, "APPROVED");
		assertThat(saga).containsEntry("status", "APPROVED").containsEntry("currentStep", null);
		List<?> history = (List<?>) saga.get("history");
		assertThat(history.stream().map((step) -> String.valueOf(((Map<?, ?>) step).get("event"))).toList())
			.containsExactly("OrderPlaced", "StockReserved", "PaymentCharged", "ReservationConfirmed", "OrderApproved");
	}

	@Test
	void recordsWhoPlacedTheOrderInEveryStepAndCarriesThemOnInEveryCommand() {
		OrderPlaced placed = orderPlaced();
		String customer = SagaFixtures.CUSTOMER;
		this.participants.publishAs(customer, Topics.ORDER_EVENTS, placed);
		assertThat(principalOf(this.participants.awaitCommandRecord(ReserveStock.class, placed))).isEqualTo(customer);
		this.participants.publishAs(customer, Topics.INVENTORY_EVENTS, stockReserved(placed));
		assertThat(principalOf(this.participants.awaitCommandRecord(ChargePayment.class, placed))).isEqualTo(customer);
		// from a payment-service older than the header: the saga still knows who it is
		// for
		this.participants.publish(Topics.PAYMENT_EVENTS, paymentCharged(placed));
		assertThat(principalOf(this.participants.awaitCommandRecord(ConfirmReservation.class, placed)))
			.isEqualTo(customer);
		this.participants.publishAs(customer, Topics.INVENTORY_EVENTS, reservationConfirmed(placed));
		assertThat(principalOf(this.participants.awaitCommandRecord(ApproveOrder.class, placed))).isEqualTo(customer);
		this.participants.publishAs(customer, Topics.ORDER_EVENTS, orderApproved(placed));
		awaitState(placed, "APPROVED");

		Map<String, Object> saga = Api.asCustomer(this.port, customer)
			.get()
			.uri("/sagas/{orderId}", placed.orderId())
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(saga).containsEntry("placedBy", customer);
		assertThat(steps(saga)).extracting((step) -> step.get("event"), (step) -> step.get("principal"))
			.containsExactly(tuple("OrderPlaced", customer), tuple("StockReserved", customer),
					tuple("PaymentCharged", customer), tuple("ReservationConfirmed", customer),
					tuple("OrderApproved", customer));
		assertThat(steps(saga)).allSatisfy((step) -> assertThat(step.get("at")).isNotNull());
	}

	@Test
	void startsOneSagaWhenOrderPlacedIsDeliveredTwice() {
		OrderPlaced placed = orderPlaced();
		this.participants.publish(Topics.ORDER_EVENTS, placed);
		this.participants.publish(Topics.ORDER_EVENTS, placed);
		this.participants.awaitCommand(ReserveStock.class, placed);

		assertThat(this.participants.commandsFor(placed, Duration.ofSeconds(1))).isEqualTo(1);
	}

	@Test
	void rejectsWithoutChargingWhenStockIsOut() {
		OrderPlaced placed = orderPlaced();
		this.participants.publish(Topics.ORDER_EVENTS, placed);
		this.participants.awaitCommand(ReserveStock.class, placed);
		this.participants.publish(Topics.INVENTORY_EVENTS, outOfStock(placed));
		RejectOrder reject = this.participants.awaitCommand(RejectOrder.class, placed);
		assertThat(reject.reason()).isEqualTo(RejectionReason.OUT_OF_STOCK);
		this.participants.publish(Topics.ORDER_EVENTS, orderRejected(placed, RejectionReason.OUT_OF_STOCK));

		Map<String, Object> saga = awaitState(placed, "REJECTED");
		assertThat(saga).containsEntry("rejectionReason", "OUT_OF_STOCK");
		assertThat(this.participants.commandsFor(placed, Duration.ofMillis(500))).isEqualTo(2);
	}

	@Test
	void releasesStockThenRejectsWhenPaymentIsDeclined() {
		OrderPlaced placed = orderPlaced();
		this.participants.publish(Topics.ORDER_EVENTS, placed);
		this.participants.awaitCommand(ReserveStock.class, placed);
		this.participants.publish(Topics.INVENTORY_EVENTS, stockReserved(placed));
		this.participants.awaitCommand(ChargePayment.class, placed);
		this.participants.publish(Topics.PAYMENT_EVENTS, paymentDeclined(placed));
		this.participants.awaitCommand(ReleaseStock.class, placed);
		this.participants.publish(Topics.INVENTORY_EVENTS, stockReleased(placed));
		RejectOrder reject = this.participants.awaitCommand(RejectOrder.class, placed);
		assertThat(reject.reason()).isEqualTo(RejectionReason.PAYMENT_DECLINED);
		this.participants.publish(Topics.ORDER_EVENTS, orderRejected(placed, RejectionReason.PAYMENT_DECLINED));

		assertThat(awaitState(placed, "REJECTED")).containsEntry("rejectionReason", "PAYMENT_DECLINED");
	}

	@Test
	void compensatesAndRejectsWithTimeoutWhenPaymentNeverAnswers() {
		OrderPlaced placed = orderPlaced();
		this.participants.publish(Topics.ORDER_EVENTS, placed);
		this.participants.awaitCommand(ReserveStock.class, placed);
		this.participants.publish(Topics.INVENTORY_EVENTS, stockReserved(placed));
		this.participants.awaitCommand(ChargePayment.class, placed);

		// no answer: the sweeper acts once the 3s step deadline passes
		RefundPayment refund = this.participants.awaitCommand(RefundPayment.class, placed);
		assertThat(refund.customerId()).isEqualTo(placed.customerId());
		this.participants.publish(Topics.PAYMENT_EVENTS, paymentRefunded(placed, 0));
		this.participants.awaitCommand(ReleaseStock.class, placed);
		this.participants.publish(Topics.INVENTORY_EVENTS, stockReleased(placed));
		assertThat(this.participants.awaitCommand(RejectOrder.class, placed).reason())
			.isEqualTo(RejectionReason.TIMEOUT);
		this.participants.publish(Topics.ORDER_EVENTS, orderRejected(placed, RejectionReason.TIMEOUT));

		assertThat(awaitState(placed, "REJECTED")).containsEntry("rejectionReason", "TIMEOUT");
	}

	@Test
	void parksAnUnansweredCompensationUntilAnOperatorRetriesIt() {
		OrderPlaced placed = orderPlaced();
		this.participants.publishAs(SagaFixtures.CUSTOMER, Topics.ORDER_EVENTS, placed);
		this.participants.awaitCommand(ReserveStock.class, placed);
		this.participants.publish(Topics.INVENTORY_EVENTS, stockReserved(placed));
		this.participants.awaitCommand(ChargePayment.class, placed);
		this.participants.publish(Topics.PAYMENT_EVENTS, paymentDeclined(placed));

		// inventory never answers ReleaseStock: sent, re-sent once, then parked
		Map<String, Object> parked = awaitState(placed, "PARKED");
		assertThat(parked).containsEntry("parkedIn", "RELEASING_STOCK")
			.containsEntry("parkedReason", "no reply to ReleaseStock after 2 attempt(s)")
			.containsEntry("stepDeadline", null);
		RestClient client = Api.asOperator(this.port);
		List<Map<String, Object>> listed = client.get()
			.uri("/sagas?state=PARKED")
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(listed).extracting((saga) -> saga.get("orderId")).contains(placed.orderId().toString());

		assertThat(client.post()
			.uri("/sagas/{id}/retry", placed.orderId())
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(202);
		assertThat(client.post()
			.uri("/sagas/{id}/retry", placed.orderId())
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value()).as("a second retry changes nothing").isEqualTo(200);
		long releases = this.participants.commandsFor(placed, Duration.ofSeconds(1));
		List<ConsumerRecord<String, String>> releaseCommands = this.participants.commandRecords(ReleaseStock.class,
				placed);
		assertThat(releaseCommands).extracting(PlaceOrderSagaIntegrationTests::principalOf)
			.as("sent for the customer, then re-sent for the operator who retried")
			.containsExactly(SagaFixtures.CUSTOMER, SagaFixtures.CUSTOMER, TestIssuer.TOOLS_CLIENT);
		Map<String, Object> retried = awaitState(placed, "RELEASING_STOCK");
		assertThat(steps(retried)).extracting((step) -> step.get("event"), (step) -> step.get("principal"))
			.endsWith(tuple("DeadlinePassed", SagaFixtures.CUSTOMER), tuple("Parked", SagaFixtures.CUSTOMER),
					tuple("OperatorRetry", TestIssuer.TOOLS_CLIENT));
		this.participants.publish(Topics.INVENTORY_EVENTS, stockReleased(placed));
		this.participants.awaitCommand(RejectOrder.class, placed);
		this.participants.publish(Topics.ORDER_EVENTS, orderRejected(placed, RejectionReason.PAYMENT_DECLINED));

		assertThat(awaitState(placed, "REJECTED")).containsEntry("rejectionReason", "PAYMENT_DECLINED");
		// ReserveStock, ChargePayment, ReleaseStock twice before parking, once on the
		// retry
		assertThat(releases).isEqualTo(5);
	}

	@Test
	void answersUnknownSagasWithProblemDetails() {
		var response = Api.asOperator(this.port)
			.get()
			.uri("/sagas/{id}", java.util.UUID.randomUUID())
			.retrieve()
			.onStatus(HttpStatusCode::isError, (request, reply) -> {
			})
			.toEntity(String.class);
		assertThat(response.getStatusCode().value()).isEqualTo(404);
		assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
	}

	private static String principalOf(ConsumerRecord<String, String> command) {
		return KafkaProbe.header(command, "principal");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> steps(Map<String, Object> saga) {
		return (List<Map<String, Object>>) saga.get("history");
	}

	private Map<String, Object> awaitState(OrderPlaced placed, String state) {
		RestClient client = Api.asOperator(this.port);
		return await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> client.get()
				.uri("/sagas/{orderId}", placed.orderId())
				.retrieve()
				.onStatus(HttpStatusCode::isError, (request, reply) -> {
				})
				.body(new ParameterizedTypeReference<Map<String, Object>>() {
				}), (saga) -> saga != null && state.equals(saga.get("state")));
	}

}
