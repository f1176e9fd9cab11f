package com.example.orderflow.orchestrator.placeorder;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.example.orderflow.contracts.InventoryCommand.ConfirmReservation;
import com.example.orderflow.contracts.InventoryCommand.ReleaseStock;
import com.example.orderflow.contracts.InventoryCommand.ReserveStock;
import com.example.orderflow.contracts.OrderCommand.ApproveOrder;
import com.example.orderflow.contracts.OrderCommand.RejectOrder;
import com.example.orderflow.contracts.OrderEvent.OrderApproved;
import com.example.orderflow.contracts.OrderEvent.OrderPlaced;
import com.example.orderflow.contracts.PaymentCommand.ChargePayment;
import com.example.orderflow.contracts.RejectionReason;
import com.example.orderflow.contracts.Topics;
import com.example.orderflow.messaging.test.TestDatabase;
import com.example.orderflow.messaging.test.TestKafka;
import com.example.orderflow.servicesecurity.test.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.orderApproved;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.orderPlaced;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.orderRejected;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.outOfStock;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.paymentCharged;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.paymentDeclined;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.reservationConfirmed;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.stockReleased;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.stockReserved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The saga metrics move exactly as sagas move, against the real orchestrator, PostgreSQL
 * and Kafka. The sweeper runs once at start and then not for an hour, so nothing times
 * out and a saga can stay past its deadline. Counters are shared by the tests of this
 * context, so each test compares them before and after its own saga.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "orchestrator.saga.sweep-interval=1h")
// a cached context would stay in the consumer group and take other tests' messages
@DirtiesContext
class SagaMetricsIntegrationTests {

	static final TestDatabase database = TestDatabase.create("orchestrator");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		TestIssuer.register(registry);
		registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
	}

	@Value("${local.server.port}")
	int port;

	@Autowired
	MeterRegistry registry;

	final Participants participants = new Participants();

	@AfterEach
	void close() {
		this.participants.close();
	}

	@Test
	void countsAnApprovedSagaOnceEvenWhenItsMessagesAreDeliveredAgain() {
		Map<String, Double> before = counts();
		OrderPlaced placed = orderPlaced();
		this.participants.publish(Topics.ORDER_EVENTS, placed);
		this.participants.awaitCommand(ReserveStock.class, placed);
		this.participants.publish(Topics.INVENTORY_EVENTS, stockReserved(placed));
		this.participants.awaitCommand(ChargePayment.class, placed);
		this.participants.publish(Topics.PAYMENT_EVENTS, paymentCharged(placed));
		this.participants.awaitCommand(ConfirmReservation.class, placed);
		this.participants.publish(Topics.INVENTORY_EVENTS, reservationConfirmed(placed));
		this.participants.awaitCommand(ApproveOrder.class, placed);
		OrderApproved approved = orderApproved(placed);
		this.participants.publish(Topics.ORDER_EVENTS, approved);
		awaitHistory(placed, 5);

		Map<String, Double> expected = plus(before,
				Map.of("started", 1.0, "finished APPROVED none", 1.0, "duration APPROVED", 1.0));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(counts()).isEqualTo(expected));

		// redelivered (the inbox drops them), then the same reply sent again (the saga
		// notes it); one partition keeps them in this order
		this.participants.publish(Topics.ORDER_EVENTS, placed);
		this.participants.publish(Topics.ORDER_EVENTS, approved);
		this.participants.publish(Topics.ORDER_EVENTS, orderApproved(placed));
		awaitHistory(placed, 6);
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(counts()).isEqualTo(expected));
	}

	@Test
	void countsAnOutOfStockRejectionWithItsReason() {
		Map<String, Double> before = counts();
		OrderPlaced placed = orderPlaced();
		this.participants.publish(Topics.ORDER_EVENTS, placed);
		this.participants.awaitCommand(ReserveStock.class, placed);
		this.participants.publish(Topics.INVENTORY_EVENTS, outOfStock(placed));
		this.participants.awaitCommand(RejectOrder.class, placed);
		this.participants.publish(Topics.ORDER_EVENTS, orderRejected(placed, RejectionReason.OUT_OF_STOCK));

		Map<String, Double> expected = plus(before, Map.of("started", 1.0, "compensations REJECTING_ORDER", 1.0,
				"finished REJECTED OUT_OF_STOCK", 1.0, "duration REJECTED", 1.0));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(counts()).isEqualTo(expected));
	}

	@Test
	void countsEachCompensatingStepOfADeclinedPayment() {
		Map<String, Double> before = counts();
		OrderPlaced placed = orderPlaced();
		this.participants.publish(Topics.ORDER_EVENTS, placed);
		this.participants.awaitCommand(ReserveStock.class, placed);
		this.participants.publish(Topics.INVENTORY_EVENTS, stockReserved(placed));
		this.participants.awaitCommand(ChargePayment.class, placed);
		this.participants.publish(Topics.PAYMENT_EVENTS, paymentDeclined(placed));
		this.participants.awaitCommand(ReleaseStock.class, placed);
		this.participants.publish(Topics.INVENTORY_EVENTS, stockReleased(placed));
		this.participants.awaitCommand(RejectOrder.class, placed);
		this.participants.publish(Topics.ORDER_EVENTS, orderRejected(placed, RejectionReason.PAYMENT_DECLINED));

		Map<String, Double> expected = plus(before,
				Map.of("started", 1.0, "compensations RELEASING_STOCK", 1.0, "compensations REJECTING_ORDER", 1.0,
						"finished REJECTED PAYMENT_DECLINED", 1.0, "duration REJECTED", 1.0));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(counts()).isEqualTo(expected));
	}

	@Test
	void countsASagaWaitingForAReplyAsInFlightAndAsPastDeadlineWhenNoSweepActsOnIt() throws SQLException {
		double inFlight = gauge("orchestrator.sagas.in.flight");
		double pastDeadline = gauge("orchestrator.sagas.past.deadline");
		OrderPlaced placed = orderPlaced();
		this.participants.publish(Topics.ORDER_EVENTS, placed);
		this.participants.awaitCommand(ReserveStock.class, placed);

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(gauge("orchestrator.sagas.in.flight")).isEqualTo(inFlight + 1));
		assertThat(gauge("orchestrator.sagas.past.deadline")).isEqualTo(pastDeadline);

		// as if the sweeper had been off for two hours, twice its interval
		try (Connection connection = database.connect();
				PreparedStatement statement = connection.prepareStatement(
						"update sagas set step_deadline = now() - interval '2 hours' where order_id = ?")) {
			statement.setObject(1, placed.orderId());
			assertThat(statement.executeUpdate()).isEqualTo(1);
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(gauge("orchestrator.sagas.past.deadline")).isEqualTo(pastDeadline + 1));
		assertThat(gauge("orchestrator.sagas.in.flight")).isEqualTo(inFlight + 1);
	}

	@Test
	void exposesTheSagaMetricsToPrometheusUnderTheirDocumentedNames() {
		String scrape = Api.asOperator(this.port).get().uri("/actuator/prometheus").retrieve().body(String.class);

		assertThat(scrape).contains("orchestrator_sagas_started_total ",
				"orchestrator_sagas_finished_total{outcome=\"APPROVED\",reason=\"none\"} ",
				"orchestrator_sagas_finished_total{outcome=\"REJECTED\",reason=\"OUT_OF_STOCK\"} ",
				"orchestrator_sagas_finished_total{outcome=\"REJECTED\",reason=\"PAYMENT_DECLINED\"} ",
				"orchestrator_sagas_finished_total{outcome=\"REJECTED\",reason=\"TIMEOUT\"} ",
				"orchestrator_sagas_finished_total{outcome=\"REJECTED\",reason=\"PAYMENT_UNAVAILABLE\"} ",
				"orchestrator_sagas_compensations_total{step=\"REFUNDING_PAYMENT\"} ",
				"orchestrator_sagas_compensations_total{step=\"RELEASING_STOCK\"} ",
				"orchestrator_sagas_compensations_total{step=\"REJECTING_ORDER\"} ",
				"orchestrator_saga_duration_seconds_bucket{outcome=\"APPROVED\",le=\"1.0\"} ",
				"orchestrator_saga_duration_seconds_bucket{outcome=\"REJECTED\",le=\"600.0\"} ",
				"orchestrator_saga_duration_seconds_count{outcome=\"APPROVED\"} ",
				"orchestrator_saga_duration_seconds_sum{outcome=\"REJECTED\"} ", "orchestrator_sagas_in_flight ",
				"orchestrator_sagas_past_deadline ", "orchestrator_sagas_parked ");
	}

	/**
	 * Every counter and timer count, keyed by meter and tags, e.g. "finished APPROVED
	 * none".
	 */
	private Map<String, Double> counts() {
		Map<String, Double> counts = new TreeMap<>();
		counts.put("started", this.registry.get("orchestrator.sagas.started").counter().count());
		this.registry.get("orchestrator.sagas.finished")
			.counters()
			.forEach((counter) -> counts.put(
					"finished " + counter.getId().getTag("outcome") + " " + counter.getId().getTag("reason"),
					counter.count()));
		this.registry.get("orchestrator.sagas.compensations")
			.counters()
			.forEach((counter) -> counts.put("compensations " + counter.getId().getTag("step"), counter.count()));
		this.registry.get("orchestrator.saga.duration")
			.timers()
			.forEach((timer) -> counts.put("duration " + timer.getId().getTag("outcome"), (double) timer.count()));
		return counts;
	}

	private static Map<String, Double> plus(Map<String, Double> before, Map<String, Double> increments) {
		Map<String, Double> after = new TreeMap<>(before);
		increments.forEach((key, increment) -> after.merge(key, increment, Double::sum));
		return after;
	}

	private double gauge(String name) {
		return this.registry.get(name).gauge().value();
	}

	private void awaitHistory(OrderPlaced placed, int steps) {
		RestClient client = Api.asOperator(this.port);
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
			Map<String, Object> saga = client.get()
				.uri("/sagas/{orderId}", placed.orderId())
				.retrieve()
				.onStatus(HttpStatusCode::isError, (request, reply) -> {
				})
				.body(new ParameterizedTypeReference<Map<String, Object>>() {
				});
			return saga != null && saga.get("history") instanceof List<?> history && history.size() >= steps;
		});
	}

}
