package com.example.orderflow.orchestrator.placeorder;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import com.example.orderflow.contracts.InventoryCommand.ConfirmReservation;
import com.example.orderflow.contracts.InventoryCommand.ReserveStock;
import com.example.orderflow.contracts.OrderCommand.ApproveOrder;
import com.example.orderflow.contracts.OrderEvent.OrderPlaced;
import com.example.orderflow.contracts.PaymentCommand.ChargePayment;
import com.example.orderflow.contracts.Topics;
import com.example.orderflow.messaging.test.TestDatabase;
import com.example.orderflow.messaging.test.TestKafka;
import com.example.orderflow.orchestrator.OrchestratorApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.orderApproved;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.orderPlaced;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.paymentCharged;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.reservationConfirmed;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.stockReserved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Orchestrator processes that stop and start, or run side by side, on one database.
 */
class OrchestratorInstancesIntegrationTests {

	private final TestDatabase database = TestDatabase.create("orchestrator");

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	private final Participants participants = new Participants();

	@AfterEach
	void stopEverything() {
		this.instances.forEach(ConfigurableApplicationContext::close);
		this.participants.close();
	}

	@Test
	void resumesASagaFromItsPersistedStateAfterARestart() throws SQLException {
		ConfigurableApplicationContext first = start();
		OrderPlaced placed = orderPlaced();
		this.participants.publish(Topics.ORDER_EVENTS, placed);
		this.participants.awaitCommand(ReserveStock.class, placed);

		first.close();
		// the reply arrives while no orchestrator runs
		this.participants.publish(Topics.INVENTORY_EVENTS, stockReserved(placed));
		start();

		this.participants.awaitCommand(ChargePayment.class, placed);
		this.participants.publish(Topics.PAYMENT_EVENTS, paymentCharged(placed));
		this.participants.awaitCommand(ConfirmReservation.class, placed);
		this.participants.publish(Topics.INVENTORY_EVENTS, reservationConfirmed(placed));
		this.participants.awaitCommand(ApproveOrder.class, placed);
		this.participants.publish(Topics.ORDER_EVENTS, orderApproved(placed));

		awaitState(placed.orderId(), "APPROVED");
		assertThat(this.participants.commandsFor(placed, Duration.ofMillis(500))).isEqualTo(4);
	}

	@Test
	void twoInstancesRunEachSagaOnceWithoutDoubleCommands() throws SQLException {
		start();
		start();
		List<OrderPlaced> orders = IntStream.range(0, 20).mapToObj((i) -> orderPlaced()).toList();

		orders.forEach((placed) -> this.participants.publish(Topics.ORDER_EVENTS, placed));
		orders.forEach((placed) -> this.participants.awaitCommand(ReserveStock.class, placed));
		orders.forEach((placed) -> this.participants.publish(Topics.INVENTORY_EVENTS, stockReserved(placed)));
		orders.forEach((placed) -> this.participants.awaitCommand(ChargePayment.class, placed));
		orders.forEach((placed) -> this.participants.publish(Topics.PAYMENT_EVENTS, paymentCharged(placed)));
		orders.forEach((placed) -> this.participants.awaitCommand(ConfirmReservation.class, placed));
		orders.forEach((placed) -> this.participants.publish(Topics.INVENTORY_EVENTS, reservationConfirmed(placed)));
		orders.forEach((placed) -> this.participants.awaitCommand(ApproveOrder.class, placed));
		orders.forEach((placed) -> this.participants.publish(Topics.ORDER_EVENTS, orderApproved(placed)));

		for (OrderPlaced placed : orders) {
			awaitState(placed.orderId(), "APPROVED");
		}
		for (OrderPlaced placed : orders) {
			assertThat(this.participants.commandsFor(placed, Duration.ZERO)).as("commands for %s", placed.orderId())
				.isEqualTo(4);
		}
		assertThat(count("select count(*) from saga_steps")).isEqualTo(20 * 5);
	}

	private ConfigurableApplicationContext start() {
		// arguments, not default properties: they must win over application.yml
		ConfigurableApplicationContext context = new SpringApplicationBuilder(OrchestratorApplication.class).run(
				"--server.port=0", "--spring.datasource.url=" + this.database.url(),
				"--spring.datasource.username=" + this.database.user(),
				"--spring.datasource.password=" + this.database.password(),
				"--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
				"--orchestrator.saga.step-timeout=30s");
		this.instances.add(context);
		return context;
	}

	private void awaitState(UUID orderId, String state) {
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> state.equals(stateOf(orderId)));
	}

	private String stateOf(UUID orderId) throws SQLException {
		try (Connection connection = this.database.connect();
				var statement = connection.prepareStatement("select state from sagas where order_id = ?")) {
			statement.setObject(1, orderId);
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next() ? rs.getString(1) : null;
			}
		}
	}

	private long count(String sql) throws SQLException {
		try (Connection connection = this.database.connect();
				ResultSet rs = connection.createStatement().executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

}
