package com.example.orderflow.inventory.reservation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.example.orderflow.contracts.InventoryCommand.ConfirmReservation;
import com.example.orderflow.contracts.InventoryEvent;
import com.example.orderflow.contracts.InventoryEvent.ReservationConfirmed;
import com.example.orderflow.contracts.InventoryEvent.StockRejected;
import com.example.orderflow.contracts.InventoryEvent.StockReleased;
import com.example.orderflow.contracts.InventoryEvent.StockReserved;
import com.example.orderflow.contracts.RejectionReason;
import com.example.orderflow.contracts.SagaMessage;
import com.example.orderflow.inventory.stock.Product;
import com.example.orderflow.messaging.test.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.example.orderflow.inventory.reservation.ReservationFixtures.confirmReservation;
import static com.example.orderflow.inventory.reservation.ReservationFixtures.item;
import static com.example.orderflow.inventory.reservation.ReservationFixtures.product;
import static com.example.orderflow.inventory.reservation.ReservationFixtures.releaseStock;
import static com.example.orderflow.inventory.reservation.ReservationFixtures.reserveStock;
import static com.example.orderflow.inventory.reservation.ReservationFixtures.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many orders competing for scarce stock at once. The subclasses run it with one listener
 * thread and with several, whose transactions really do contend for the same rows.
 */
abstract class LastUnitRaceScenario {

	static final int ORDERS = 20;

	static OrchestratorStub orchestrator;

	@Autowired
	JdbcClient jdbc;

	InventoryTables tables;

	@BeforeAll
	static void connect() {
		orchestrator = new OrchestratorStub(TestKafka.bootstrapServers());
	}

	@AfterAll
	static void disconnect() {
		orchestrator.close();
	}

	@BeforeEach
	void tables() {
		this.tables = new InventoryTables(this.jdbc);
	}

	@Test
	void exactlyOneOfManyConcurrentOrdersGetsTheLastUnit() {
		String sku = uniqueSku();
		this.tables.insert(product(sku, 100, 1));
		List<UUID> orders = IntStream.range(0, ORDERS).mapToObj((i) -> UUID.randomUUID()).toList();

		sendAtOnce(orders.stream().map((orderId) -> reserveStock(orderId, item(sku, 1))).toList());

		List<InventoryEvent> replies = orders.stream().map(orchestrator::awaitAnyReply).toList();
		assertThat(replies).filteredOn(StockReserved.class::isInstance).hasSize(1);
		assertThat(replies).filteredOn(StockRejected.class::isInstance)
			.hasSize(ORDERS - 1)
			.map((reply) -> ((StockRejected) reply).reason())
			.containsOnly(RejectionReason.OUT_OF_STOCK);
		assertThat(this.tables.product(sku).reserved()).isEqualTo(1);
		assertThat(this.tables.product(sku).onHand()).isEqualTo(1);
		assertThat(this.tables.heldByReservations(sku)).isEqualTo(1);
	}

	@Test
	void stockIsConservedWhenManyOrdersReserveConfirmAndReleaseAtOnce() {
		List<String> skus = List.of(uniqueSku(), uniqueSku(), uniqueSku());
		skus.forEach((sku) -> this.tables.insert(product(sku, 100, 10)));
		List<UUID> orders = IntStream.range(0, 30).mapToObj((i) -> UUID.randomUUID()).toList();

		// every order wants two products, in changing order and amounts, so more is asked
		// than there is and the transactions lock overlapping rows
		sendAtOnce(IntStream.range(0, orders.size())
			.mapToObj((i) -> reserveStock(orders.get(i), item(skus.get(i % 3), 1 + i % 3),
					item(skus.get((i + 1) % 3), 1)))
			.toList());
		Map<UUID, InventoryEvent> outcomes = orders.stream()
			.collect(Collectors.toMap(Function.identity(), orchestrator::awaitAnyReply));

		assertThat(outcomes.values()).filteredOn(StockReserved.class::isInstance).isNotEmpty();
		assertThat(outcomes.values()).filteredOn(StockRejected.class::isInstance).isNotEmpty();
		for (String sku : skus) {
			Product product = this.tables.product(sku);
			assertThat(product.reserved()).isEqualTo(this.tables.heldByReservations(sku))
				.isLessThanOrEqualTo(product.onHand());
			assertThat(this.tables.onHandPlusConfirmed(sku)).isEqualTo(10);
		}

		// confirm every other reserved order, release the rest, rejected ones included
		List<SagaMessage> endings = new ArrayList<>();
		for (int i = 0; i < orders.size(); i++) {
			UUID orderId = orders.get(i);
			boolean confirm = outcomes.get(orderId) instanceof StockReserved && i % 2 == 0;
			endings.add(confirm ? confirmReservation(orderId) : releaseStock(orderId));
		}
		sendAtOnce(endings);
		for (SagaMessage ending : endings) {
			Class<? extends InventoryEvent> expected = (ending instanceof ConfirmReservation)
					? ReservationConfirmed.class : StockReleased.class;
			orchestrator.awaitReply(expected, ending.orderId());
		}

		for (String sku : skus) {
			assertThat(this.tables.product(sku).reserved()).isZero();
			assertThat(this.tables.heldByReservations(sku)).isZero();
			assertThat(this.tables.onHandPlusConfirmed(sku)).isEqualTo(10);
		}
	}

	/**
	 * Sends from one thread per command, released together, so they hit the broker at
	 * once.
	 */
	private static void sendAtOnce(List<? extends SagaMessage> commands) {
		CountDownLatch start = new CountDownLatch(1);
		try (ExecutorService senders = Executors.newFixedThreadPool(commands.size())) {
			List<Future<?>> sent = new ArrayList<>();
			for (SagaMessage command : commands) {
				sent.add(senders.submit(() -> {
					start.await();
					orchestrator.send(command);
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : sent) {
				future.get(30, TimeUnit.SECONDS);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not send the commands", ex);
		}
	}

}
