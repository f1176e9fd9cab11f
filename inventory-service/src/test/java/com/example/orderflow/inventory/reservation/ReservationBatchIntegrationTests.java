package com.example.orderflow.inventory.reservation;

import java.util.List;
import java.util.UUID;

import com.example.orderflow.contracts.SagaMessage;
import com.example.orderflow.messaging.test.TestDatabase;
import com.example.orderflow.messaging.test.TestKafka;
import com.example.orderflow.servicesecurity.test.TestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static com.example.orderflow.inventory.reservation.ReservationFixtures.confirmReservation;
import static com.example.orderflow.inventory.reservation.ReservationFixtures.item;
import static com.example.orderflow.inventory.reservation.ReservationFixtures.product;
import static com.example.orderflow.inventory.reservation.ReservationFixtures.releaseStock;
import static com.example.orderflow.inventory.reservation.ReservationFixtures.reserveStock;
import static com.example.orderflow.inventory.reservation.ReservationFixtures.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A consumer's batch applies many commands in one transaction: reservations and products
 * locked with one statement each, changed in memory, written set-based just before the
 * commit. Every product and reservation must end as if each command had had a transaction
 * of its own, and nothing of a rolled-back batch may stay. Driven the way the consumer
 * drives the handler, against the real PostgreSQL.
 */
@SpringBootTest
// a cached context would stay in the consumer group and take other tests' messages
@DirtiesContext
class ReservationBatchIntegrationTests {

	static final TestDatabase database = TestDatabase.create("inventory");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		TestIssuer.register(registry);
		registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
		// the assertions read what went into the outbox: keep published rows
		registry.add("messaging.outbox.retention", () -> "1h");
	}

	@Autowired
	InventoryCommandHandler handler;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	InventoryTables tables;

	@BeforeEach
	void tables() {
		this.tables = new InventoryTables(this.jdbc);
	}

	@Test
	void manyOrdersOfOneProductInOneBatchReserveUntilItRunsOutAndNoFurther() {
		String sku = uniqueSku();
		this.tables.insert(product(sku, 100, 10));
		List<UUID> orders = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

		consumeInOneTransaction(
				orders.stream().map((orderId) -> (SagaMessage) reserveStock(orderId, item(sku, 3))).toList());

		assertThat(orders).extracting(this.tables::reservationStatus)
			.containsExactly("RESERVED", "RESERVED", "RESERVED", "REJECTED");
		assertThat(this.tables.product(sku).reserved()).isEqualTo(9).isEqualTo(this.tables.heldByReservations(sku));
		assertThat(this.tables.product(sku).onHand()).isEqualTo(10);
		assertThat(repliesFor(orders.get(3))).containsExactly("StockRejected");
	}

	@Test
	void anOrderReservedConfirmedAndReleasedInOneBatchEndsWhereItsLastCommandLeftIt() {
		String book = uniqueSku();
		String mug = uniqueSku();
		this.tables.insert(product(book, 4500, 10));
		this.tables.insert(product(mug, 1200, 5));
		UUID confirmed = UUID.randomUUID();
		UUID undone = UUID.randomUUID();
		UUID released = UUID.randomUUID();

		consumeInOneTransaction(
				List.of(reserveStock(confirmed, item(book, 2), item(mug, 1)), reserveStock(undone, item(book, 1)),
						reserveStock(released, item(mug, 2)), confirmReservation(confirmed), confirmReservation(undone),
						releaseStock(undone), releaseStock(released)));

		assertThat(this.tables.reservationStatus(confirmed)).isEqualTo("CONFIRMED");
		assertThat(this.tables.reservationStatus(undone)).isEqualTo("RELEASED");
		assertThat(this.tables.reservationStatus(released)).isEqualTo("RELEASED");
		assertThat(this.tables.reservationLines(confirmed)).isEqualTo(2);
		assertThat(this.tables.product(book)).isEqualTo(product(book, 4500, 8));
		assertThat(this.tables.product(mug)).isEqualTo(product(mug, 1200, 4));
		assertThat(this.tables.onHandPlusConfirmed(book)).isEqualTo(10);
		assertThat(this.tables.onHandPlusConfirmed(mug)).isEqualTo(5);
		assertThat(repliesFor(undone)).containsExactly("StockReserved", "ReservationConfirmed", "StockReleased");

		// the next transaction reads what the batch stored, not what it had in memory
		consumeInOneTransaction(List.of(releaseStock(confirmed)));
		assertThat(this.tables.product(book)).isEqualTo(product(book, 4500, 10));
		assertThat(this.tables.product(mug)).isEqualTo(product(mug, 1200, 5));
	}

	@Test
	void storesNothingOfABatchThatRollsBack() {
		String sku = uniqueSku();
		this.tables.insert(product(sku, 100, 10));
		UUID orderId = UUID.randomUUID();

		this.transactions.executeWithoutResult((status) -> {
			consume(List.of(reserveStock(orderId, item(sku, 4)), confirmReservation(orderId)));
			status.setRollbackOnly();
		});

		assertThat(this.tables.reservationStatus(orderId)).isEqualTo("MISSING");
		assertThat(this.tables.product(sku)).isEqualTo(product(sku, 100, 10));
		assertThat(repliesFor(orderId)).isEmpty();
	}

	@Test
	void aStockMoveThatDoesNotFitFailsTheBatchAndStoresNothing() {
		String sku = uniqueSku();
		this.tables.insert(product(sku, 100, 10));
		UUID orderId = UUID.randomUUID();
		consumeInOneTransaction(List.of(reserveStock(orderId, item(sku, 4))));
		// someone takes the shelf down below what is promised, behind the service's back
		this.jdbc.sql("update products set reserved = 0 where sku = ?").param(sku).update();

		assertThatIllegalStateException()
			.isThrownBy(() -> consumeInOneTransaction(List.of(confirmReservation(orderId))))
			.withMessageContaining(sku);

		assertThat(this.tables.reservationStatus(orderId)).isEqualTo("RESERVED");
		assertThat(this.tables.product(sku).onHand()).isEqualTo(10);
	}

	private void consumeInOneTransaction(List<SagaMessage> messages) {
		this.transactions.executeWithoutResult((status) -> consume(messages));
	}

	private void consume(List<SagaMessage> messages) {
		this.handler.lockAll(messages);
		messages.forEach(this.handler::handle);
	}

	private List<String> repliesFor(UUID orderId) {
		return this.jdbc.sql("select message_type from outbox where message_key = ? order by id")
			.param(orderId.toString())
			.query(String.class)
			.list();
	}

}
