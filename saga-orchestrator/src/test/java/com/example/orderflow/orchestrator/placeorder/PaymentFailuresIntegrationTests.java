package com.example.orderflow.orchestrator.placeorder;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.example.orderflow.contracts.InventoryCommand.ReleaseStock;
import com.example.orderflow.contracts.InventoryCommand.ReserveStock;
import com.example.orderflow.contracts.OrderCommand.RejectOrder;
import com.example.orderflow.contracts.OrderEvent.OrderPlaced;
import com.example.orderflow.contracts.PaymentCommand.ChargePayment;
import com.example.orderflow.contracts.PaymentCommand.RefundPayment;
import com.example.orderflow.contracts.RejectionReason;
import com.example.orderflow.contracts.Topics;
import com.example.orderflow.messaging.test.TestDatabase;
import com.example.orderflow.messaging.test.TestKafka;
import com.example.orderflow.servicesecurity.test.TestIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.orderPlaced;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.orderRejected;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.paymentFailed;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.paymentRefunded;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.refundFailed;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.stockReleased;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.stockReserved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A payment provider that keeps failing, against the real orchestrator, PostgreSQL and
 * Kafka: the test answers as payment-service would. Backoffs are short and without
 * jitter, 400 ms, 800 ms, 1.6 s; nothing times out meanwhile.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "orchestrator.saga.step-timeout=10s", "orchestrator.saga.sweep-interval=50ms",
				"orchestrator.saga.step-retry.max-attempts=4", "orchestrator.saga.step-retry.initial-backoff=400ms",
				"orchestrator.saga.step-retry.multiplier=2", "orchestrator.saga.step-retry.max-backoff=5s",
				"orchestrator.saga.step-retry.jitter=0" })
// a cached context would stay in the consumer group and take other tests' messages
@DirtiesContext
class PaymentFailuresIntegrationTests {

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
	void retriesAFailingChargeThenParksAFailingRefundUntilAnOperatorRetriesIt() {
		RestClient client = Api.asOperator(this.port);
		OrderPlaced placed = orderPlaced();
		this.participants.publish(Topics.ORDER_EVENTS, placed);
		this.participants.awaitCommand(ReserveStock.class, placed);
		this.participants.publish(Topics.INVENTORY_EVENTS, stockReserved(placed));

		// every charge fails: sent four times in all, further apart each time
		for (int sent = 1; sent <= 4; sent++) {
			this.participants.awaitCommands(ChargePayment.class, placed, sent);
			this.participants.publish(Topics.PAYMENT_EVENTS, paymentFailed(placed));
		}
		this.participants.awaitCommand(RefundPayment.class, placed);
		List<ChargePayment> charges = this.participants.awaitCommands(ChargePayment.class, placed, 4);
		assertThat(charges).hasSize(4);
		List<Duration> gaps = IntStream.range(1, charges.size())
			.mapToObj((i) -> Duration.between(charges.get(i - 1).occurredAt(), charges.get(i).occurredAt()))
			.toList();
		// each gap is its backoff plus the round trip through Kafka, which varies by a
		// few
		// hundred milliseconds on a busy machine: compare neighbours with the backoffs,
		// and only the first and last gap with each other
		assertThat(gaps.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
		assertThat(gaps.get(1)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
		assertThat(gaps.get(2)).isGreaterThanOrEqualTo(Duration.ofMillis(1600)).isGreaterThan(gaps.get(0));

		// every refund fails too: sent four times, then the saga is parked
		for (int sent = 1; sent <= 4; sent++) {
			this.participants.awaitCommands(RefundPayment.class, placed, sent);
			this.participants.publish(Topics.PAYMENT_EVENTS, refundFailed(placed));
		}
		Map<String, Object> parked = awaitState(client, placed, "PARKED");
		assertThat(parked).containsEntry("parkedIn", "REFUNDING_PAYMENT")
			.containsEntry("parkedReason", "refund failed after 4 attempt(s): payment provider answered 503")
			.containsEntry("rejectionReason", "PAYMENT_UNAVAILABLE")
			.containsEntry("stepDeadline", null);
		assertThat(details(parked))
			.anyMatch((detail) -> detail
				.startsWith("payment provider timed out; waiting to re-send ChargePayment (attempt 2 of 4) at "))
			.contains("charge failed after 4 attempt(s): payment provider timed out")
			.anyMatch((detail) -> detail
				.startsWith("payment provider answered 503; waiting to re-send RefundPayment (attempt 4 of 4) at "));
		List<Map<String, Object>> listed = client.get()
			.uri("/sagas?state=PARKED")
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(listed).singleElement()
			.satisfies((saga) -> assertThat(saga).containsEntry("orderId", placed.orderId().toString())
				.containsEntry("parkedReason", "refund failed after 4 attempt(s): payment provider answered 503"));
		assertThat(parkedGauge(client)).isEqualTo(1);

		// the operator fixed the provider: one retry sends the refund again, a second
		// (a double click) sends nothing
		assertThat(retry(client, placed)).isEqualTo(202);
		assertThat(retry(client, placed)).as("a second retry changes nothing").isEqualTo(200);
		this.participants.awaitCommands(RefundPayment.class, placed, 5);
		assertThat(this.participants.commandsFor(placed, Duration.ofSeconds(1)))
			.as("ReserveStock, 4 ChargePayment, 5 RefundPayment")
			.isEqualTo(10);
		assertThat(parkedGauge(client)).isZero();

		this.participants.publish(Topics.PAYMENT_EVENTS, paymentRefunded(placed, SagaFixtures.TOTAL.amount()));
		this.participants.awaitCommand(ReleaseStock.class, placed);
		this.participants.publish(Topics.INVENTORY_EVENTS, stockReleased(placed));
		assertThat(this.participants.awaitCommand(RejectOrder.class, placed).reason())
			.isEqualTo(RejectionReason.PAYMENT_UNAVAILABLE);
		this.participants.publish(Topics.ORDER_EVENTS, orderRejected(placed, RejectionReason.PAYMENT_UNAVAILABLE));

		assertThat(awaitState(client, placed, "REJECTED")).containsEntry("rejectionReason", "PAYMENT_UNAVAILABLE");
		assertThat(retry(client, placed)).isEqualTo(200);
		assertThat(this.participants.commandsFor(placed, Duration.ofSeconds(1))).as("nothing sent after the end")
			.isEqualTo(12);
	}

	private int retry(RestClient client, OrderPlaced placed) {
		return client.post()
			.uri("/sagas/{id}/retry", placed.orderId())
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value();
	}

	private double parkedGauge(RestClient client) {
		Map<String, Object> metric = client.get()
			.uri("/actuator/metrics/orchestrator.sagas.parked")
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		List<?> measurements = (List<?>) metric.get("measurements");
		return ((Number) ((Map<?, ?>) measurements.get(0)).get("value")).doubleValue();
	}

	private static List<String> details(Map<String, Object> saga) {
		return ((List<?>) saga.get("history")).stream()
			.map((step) -> String.valueOf(((Map<?, ?>) step).get("detail")))
			.toList();
	}

	private Map<String, Object> awaitState(RestClient client, OrderPlaced placed, String state) {
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
