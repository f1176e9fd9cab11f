package com.example.orderflow.inventory.reservation;

import java.util.UUID;

import com.example.orderflow.contracts.InventoryEvent.StockReserved;
import com.example.orderflow.messaging.test.KafkaProbe;
import com.example.orderflow.messaging.test.TestDatabase;
import com.example.orderflow.messaging.test.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.example.orderflow.inventory.reservation.ReservationFixtures.confirmReservation;
import static com.example.orderflow.inventory.reservation.ReservationFixtures.item;
import static com.example.orderflow.inventory.reservation.ReservationFixtures.product;
import static com.example.orderflow.inventory.reservation.ReservationFixtures.reserveStock;
import static com.example.orderflow.inventory.reservation.ReservationFixtures.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records that can never be applied are parked on {@code inventory.commands.dlt} with the
 * reason, and the commands behind them are still applied.
 */
@SpringBootTest
// one application context at a time: a cached one would keep consuming inventory.commands
@DirtiesContext
class DeadLetteringIntegrationTests {

	static final TestDatabase database = TestDatabase.create("inventory");

	static OrchestratorStub orchestrator;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
	}

	@BeforeAll
	static void connect() {
		orchestrator = new OrchestratorStub(TestKafka.bootstrapServers());
	}

	@AfterAll
	static void disconnect() {
		orchestrator.close();
	}

	@Test
	void malformedAndUnknownRecordsAreDeadLetteredAndLaterCommandsStillApplied() {
		String sku = uniqueSku();
		new InventoryTables(this.jdbc).insert(product(sku, 100, 10));
		UUID orderId = UUID.randomUUID();
		String key = orderId.toString();
		// one key, so all three land on one partition in this order
		orchestrator.sendRaw(key, "ReserveStock", "{\"messageId\": not json");
		orchestrator.sendRaw(key, "ShipParcel", "{\"messageId\": \"" + UUID.randomUUID() + "\"}");
		orchestrator.send(reserveStock(orderId, item(sku, 1)));

		ConsumerRecord<String, String> malformed = orchestrator.awaitDeadLetter(key,
				(record) -> record.value().contains("not json"));
		ConsumerRecord<String, String> unknownType = orchestrator.awaitDeadLetter(key,
				(record) -> record.value().contains("messageId") && !record.value().contains("not json"));
		orchestrator.awaitReply(StockReserved.class, orderId);

		assertThat(KafkaProbe.header(malformed, "dlt-reason")).contains("invalid message");
		assertThat(KafkaProbe.header(malformed, "dlt-original-topic")).isEqualTo("inventory.commands");
		assertThat(KafkaProbe.header(unknownType, "dlt-reason")).contains("unknown message type ShipParcel");
		assertThat(KafkaProbe.header(unknownType, "type")).isEqualTo("ShipParcel");
		assertThat(new InventoryTables(this.jdbc).product(sku).reserved()).isEqualTo(1);
	}

	@Test
	void confirmingAnOrderWithoutReservationIsDeadLetteredWithTheReason() {
		UUID orderId = UUID.randomUUID();

		orchestrator.send(confirmReservation(orderId));

		ConsumerRecord<String, String> parked = orchestrator.awaitDeadLetter(orderId.toString(), (record) -> true);
		assertThat(KafkaProbe.header(parked, "dlt-reason"))
			.isEqualTo("cannot confirm reservation of order " + orderId + " in state MISSING");
		assertThat(KafkaProbe.header(parked, "dlt-exception")).isEqualTo(IllegalStateException.class.getName());
		assertThat(orchestrator.repliesSoFar(orderId)).isEmpty();
		assertThat(new InventoryTables(this.jdbc).reservationStatus(orderId)).isEqualTo("MISSING");
	}

}
