package com.example.orderflow.inventory.reservation;

import java.util.List;
import java.util.UUID;

import com.example.orderflow.contracts.InventoryCommand.ReserveStock;
import com.example.orderflow.contracts.InventoryEvent;
import com.example.orderflow.contracts.InventoryEvent.ReservationConfirmed;
import com.example.orderflow.contracts.InventoryEvent.StockRejected;
import com.example.orderflow.contracts.InventoryEvent.StockReleased;
import com.example.orderflow.contracts.InventoryEvent.StockReserved;
import com.example.orderflow.contracts.Money;
import com.example.orderflow.contracts.PricedLine;
import com.example.orderflow.contracts.RejectionReason;
import com.example.orderflow.messaging.test.TestDatabase;
import com.example.orderflow.messaging.test.TestKafka;
import com.example.orderflow.servicesecurity.test.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static com.example.orderflow.servicesecurity.test.Bearer.customer;
import static com.example.orderflow.servicesecurity.test.Bearer.operator;
import static com.example.orderflow.inventory.reservation.ReservationFixtures.confirmReservation;
import static com.example.orderflow.inventory.reservation.ReservationFixtures.item;
import static com.example.orderflow.inventory.reservation.ReservationFixtures.product;
import static com.example.orderflow.inventory.reservation.ReservationFixtures.releaseStock;
import static com.example.orderflow.inventory.reservation.ReservationFixtures.reserveStock;
import static com.example.orderflow.inventory.reservation.ReservationFixtures.resent;
import static com.example.orderflow.inventory.reservation.ReservationFixtures.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command handler end to end: commands in over Kafka, replies out through the outbox,
 * stock checked in PostgreSQL. A reply is written in the transaction of its effect, so
 * once it arrives the effect is visible.
 */
@SpringBootTest
@AutoConfigureMockMvc
// one application context at a time: a cached one would keep consuming inventory.commands
@DirtiesContext
class InventoryCommandHandlerIntegrationTests {

	static final TestDatabase database = TestDatabase.create("inventory");

	static OrchestratorStub orchestrator;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvcTester mvc;

	InventoryTables tables;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		TestIssuer.register(registry);
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

	@BeforeEach
	void tables() {
		this.tables = new InventoryTables(this.jdbc);
	}

	@Test
	void reservesEveryLineAndRepliesWithPricedLinesAndTotal() {
		String book = uniqueSku();
		String mug = uniqueSku();
		this.tables.insert(product(book, 4500, 10));
		this.tables.insert(product(mug, 1200, 5));
		UUID orderId = UUID.randomUUID();

		orchestrator.send(reserveStock(orderId, item(book, 2), item(mug, 1), item(book, 1)));

		StockReserved reply = orchestrator.awaitReply(StockReserved.class, orderId);
		assertThat(reply.sagaId()).isEqualTo(ReservationFixtures.sagaOf(orderId));
		assertThat(reply.lines()).containsExactlyInAnyOrder(new PricedLine(book, 3, 4500),
				new PricedLine(mug, 1, 1200));
		assertThat(reply.total()).isEqualTo(new Money(3 * 4500 + 1200, "EUR"));
		assertThat(this.tables.product(book).reserved()).isEqualTo(3);
		assertThat(this.tables.product(book).onHand()).isEqualTo(10);
		assertThat(this.tables.product(mug).reserved()).isEqualTo(1);
		assertThat(this.tables.reservationStatus(orderId)).isEqualTo("RESERVED");
	}

	@Test
	void showsTheReservationOfAnOrder() {
		String lamp = uniqueSku();
		this.tables.insert(product(lamp, 3900, 5));
		UUID orderId = UUID.randomUUID();
		orchestrator.send(reserveStock(orderId, item(lamp, 2)));
		orchestrator.awaitReply(StockReserved.class, orderId);

		assertThat(this.mvc.get().uri("/reservations/{orderId}", orderId).header(HttpHeaders.AUTHORIZATION, operator()))
			.hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("""
					{"orderId": "%s", "status": "RESERVED", "total": 7800, "currency": "EUR",
					 "lines": [{"sku": "%s", "quantity": 2, "unitPrice": 3900}]}
					""".formatted(orderId, lamp));
		assertThat(this.mvc.get()
			.uri("/reservations/{orderId}", UUID.randomUUID())
			.header(HttpHeaders.AUTHORIZATION, operator())).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(this.mvc.get().uri("/reservations/not-a-uuid").header(HttpHeaders.AUTHORIZATION, operator()))
			.hasStatus(HttpStatus.BAD_REQUEST);
	}

	@Test
	void keepsReservationsForOperatorsAndTellsCustomersNothingOfThem() {
		String lamp = uniqueSku();
		this.tables.insert(product(lamp, 3900, 5));
		UUID orderId = UUID.randomUUID();
		orchestrator.send(reserveStock(orderId, item(lamp, 2)));
		orchestrator.awaitReply(StockReserved.class, orderId);

		assertThat(this.mvc.get().uri("/reservations/{orderId}", orderId)).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(this.mvc.get()
			.uri("/reservations/{orderId}", orderId)
			.header(HttpHeaders.AUTHORIZATION, customer("alice"))).hasStatus(HttpStatus.FORBIDDEN)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyText()
			.doesNotContain(lamp);
		assertThat(this.mvc.get()
			.uri("/reservations/{orderId}", UUID.randomUUID())
			.header(HttpHeaders.AUTHORIZATION, customer("alice"))).as("the same for an order without one")
			.hasStatus(HttpStatus.FORBIDDEN);
	}

	@Test
	void outOfStockOnOneLineReservesNothing() {
		String plenty = uniqueSku();
		String scarce = uniqueSku();
		this.tables.insert(product(plenty, 100, 10));
		this.tables.insert(product(scarce, 100, 1));
		UUID orderId = UUID.randomUUID();
		ReserveStock command = reserveStock(orderId, item(plenty, 2), item(scarce, 2));

		orchestrator.send(command);

		StockRejected reply = orchestrator.awaitReply(StockRejected.class, orderId);
		assertThat(reply.reason()).isEqualTo(RejectionReason.OUT_OF_STOCK);
		assertThat(reply.detail()).contains(scarce).doesNotContain(plenty);
		assertThat(this.tables.product(plenty)).isEqualTo(product(plenty, 100, 10));
		assertThat(this.tables.product(scarce)).isEqualTo(product(scarce, 100, 1));
		assertThat(this.tables.reservationStatus(orderId)).isEqualTo("REJECTED");
		assertThat(this.tables.reservationLines(orderId)).isZero();

		// a re-sent request gets the same answer, also when stock has come in meanwhile
		this.jdbc.sql("update products set on_hand = 10 where sku = ?").param(scarce).update();
		orchestrator.send(resent(command));
		StockRejected again = orchestrator.awaitReply(StockRejected.class, orderId,
				(candidate) -> !candidate.messageId().equals(reply.messageId()));
		assertThat(again.reason()).isEqualTo(RejectionReason.OUT_OF_STOCK);
		assertThat(this.tables.product(scarce).reserved()).isZero();
	}

	@Test
	void unknownProductIsRejected() {
		String known = uniqueSku();
		String unknown = uniqueSku();
		this.tables.insert(product(known, 100, 10));
		UUID orderId = UUID.randomUUID();

		orchestrator.send(reserveStock(orderId, item(known, 1), item(unknown, 1)));

		StockRejected reply = orchestrator.awaitReply(StockRejected.class, orderId);
		assertThat(reply.reason()).isEqualTo(RejectionReason.UNKNOWN_PRODUCT);
		assertThat(reply.detail()).contains(unknown).doesNotContain(known);
		assertThat(this.tables.product(known).reserved()).isZero();
	}

	@Test
	void productPricedInAnotherCurrencyIsRejected() {
		String dollars = uniqueSku();
		this.tables.insert(product(dollars, 100, "USD", 10));
		UUID orderId = UUID.randomUUID();

		orchestrator.send(reserveStock(orderId, item(dollars, 1)));

		StockRejected reply = orchestrator.awaitReply(StockRejected.class, orderId);
		assertThat(reply.reason()).isEqualTo(RejectionReason.CURRENCY_MISMATCH);
		assertThat(reply.detail()).contains(dollars, "USD", "EUR");
		assertThat(this.tables.product(dollars).reserved()).isZero();
	}

	@Test
	void sameCommandDeliveredTwiceReservesOnce() {
		String sku = uniqueSku();
		this.tables.insert(product(sku, 100, 10));
		UUID orderId = UUID.randomUUID();
		String json = orchestrator.encode(reserveStock(orderId, item(sku, 2)));

		orchestrator.sendRaw(orderId.toString(), "ReserveStock", json);
		orchestrator.sendRaw(orderId.toString(), "ReserveStock", json);
		// same key, same partition: once this is answered, both copies were handled
		orchestrator.send(confirmReservation(orderId));
		orchestrator.awaitReply(ReservationConfirmed.class, orderId);

		assertThat(orchestrator.repliesSoFar(orderId)).map(InventoryEvent::getClass)
			.containsExactly(StockReserved.class, ReservationConfirmed.class);
		assertThat(this.tables.product(sku).onHand()).isEqualTo(8);
		assertThat(this.tables.product(sku).reserved()).isZero();
	}

	@Test
	void resentCommandWithNewMessageIdReservesOnceAndAnswersAgain() {
		String sku = uniqueSku();
		this.tables.insert(product(sku, 250, 10));
		UUID orderId = UUID.randomUUID();
		ReserveStock command = reserveStock(orderId, item(sku, 2));
		orchestrator.send(command);
		StockReserved first = orchestrator.awaitReply(StockReserved.class, orderId);
		// a new price must not change what the order was promised
		this.jdbc.sql("update products set unit_price = 999 where sku = ?").param(sku).update();

		orchestrator.send(resent(command));

		StockReserved second = orchestrator.awaitReply(StockReserved.class, orderId,
				(reply) -> !reply.messageId().equals(first.messageId()));
		assertThat(second.lines()).isEqualTo(first.lines()).containsExactly(new PricedLine(sku, 2, 250));
		assertThat(second.total()).isEqualTo(first.total()).isEqualTo(new Money(500, "EUR"));
		assertThat(this.tables.product(sku).reserved()).isEqualTo(2);
	}

	@Test
	void confirmMovesUnitsOffTheShelfAndRepeatedConfirmChangesNothing() {
		String sku = uniqueSku();
		this.tables.insert(product(sku, 100, 10));
		UUID orderId = UUID.randomUUID();
		orchestrator.send(reserveStock(orderId, item(sku, 3)));
		orchestrator.awaitReply(StockReserved.class, orderId);

		orchestrator.send(confirmReservation(orderId));
		ReservationConfirmed first = orchestrator.awaitReply(ReservationConfirmed.class, orderId);

		assertThat(this.tables.product(sku).onHand()).isEqualTo(7);
		assertThat(this.tables.product(sku).reserved()).isZero();
		assertThat(this.tables.reservationStatus(orderId)).isEqualTo("CONFIRMED");
		assertThat(this.tables.onHandPlusConfirmed(sku)).isEqualTo(10);

		orchestrator.send(confirmReservation(orderId));
		orchestrator.awaitReply(ReservationConfirmed.class, orderId,
				(reply) -> !reply.messageId().equals(first.messageId()));

		assertThat(this.tables.product(sku).onHand()).isEqualTo(7);
		assertThat(this.tables.product(sku).reserved()).isZero();
		assertThat(this.tables.onHandPlusConfirmed(sku)).isEqualTo(10);
	}

	@Test
	void releaseAfterConfirmPutsUnitsBackOnTheShelf() {
		String sku = uniqueSku();
		this.tables.insert(product(sku, 100, 10));
		UUID orderId = UUID.randomUUID();
		orchestrator.send(reserveStock(orderId, item(sku, 3)));
		orchestrator.awaitReply(StockReserved.class, orderId);
		orchestrator.send(confirmReservation(orderId));
		orchestrator.awaitReply(ReservationConfirmed.class, orderId);

		orchestrator.send(releaseStock(orderId));
		StockReleased first = orchestrator.awaitReply(StockReleased.class, orderId);

		assertThat(this.tables.product(sku).onHand()).isEqualTo(10);
		assertThat(this.tables.product(sku).reserved()).isZero();
		assertThat(this.tables.reservationStatus(orderId)).isEqualTo("RELEASED");
		assertThat(this.tables.onHandPlusConfirmed(sku)).isEqualTo(10);

		orchestrator.send(releaseStock(orderId));
		orchestrator.awaitReply(StockReleased.class, orderId, (reply) -> !reply.messageId().equals(first.messageId()));
		assertThat(this.tables.product(sku).onHand()).isEqualTo(10);
	}

	@Test
	void releaseOfReservedUnitsMakesThemAvailableAgain() {
		String sku = uniqueSku();
		this.tables.insert(product(sku, 100, 10));
		UUID orderId = UUID.randomUUID();
		orchestrator.send(reserveStock(orderId, item(sku, 4)));
		orchestrator.awaitReply(StockReserved.class, orderId);

		orchestrator.send(releaseStock(orderId));
		orchestrator.awaitReply(StockReleased.class, orderId);

		assertThat(this.tables.product(sku)).isEqualTo(product(sku, 100, 10));
		assertThat(this.tables.reservationStatus(orderId)).isEqualTo("RELEASED");
		assertThat(this.tables.onHandPlusConfirmed(sku)).isEqualTo(10);
	}

	@Test
	void releaseOfRejectedReservationChangesNothing() {
		String sku = uniqueSku();
		this.tables.insert(product(sku, 100, 1));
		UUID orderId = UUID.randomUUID();
		orchestrator.send(reserveStock(orderId, item(sku, 2)));
		orchestrator.awaitReply(StockRejected.class, orderId);

		orchestrator.send(releaseStock(orderId));
		orchestrator.awaitReply(StockReleased.class, orderId);

		assertThat(this.tables.product(sku)).isEqualTo(product(sku, 100, 1));
		assertThat(this.tables.reservationStatus(orderId)).isEqualTo("REJECTED");
	}

	@Test
	void releaseBeforeAnyReserveLeavesATombstoneAndALaterReserveDoesNothing() {
		String sku = uniqueSku();
		this.tables.insert(product(sku, 100, 10));
		UUID orderId = UUID.randomUUID();

		orchestrator.send(releaseStock(orderId));
		StockReleased released = orchestrator.awaitReply(StockReleased.class, orderId);
		assertThat(this.tables.reservationStatus(orderId)).isEqualTo("RELEASED");
		assertThat(this.tables.reservationLines(orderId)).isZero();

		orchestrator.send(reserveStock(orderId, item(sku, 2)));
		// same key, same partition: once this is answered, the reserve was handled
		orchestrator.send(releaseStock(orderId));
		orchestrator.awaitReply(StockReleased.class, orderId,
				(reply) -> !reply.messageId().equals(released.messageId()));

		assertThat(orchestrator.repliesSoFar(orderId)).map(InventoryEvent::getClass)
			.containsExactly(StockReleased.class, StockReleased.class);
		assertThat(this.tables.product(sku)).isEqualTo(product(sku, 100, 10));
		assertThat(this.tables.reservationStatus(orderId)).isEqualTo("RELEASED");
	}

	@Test
	void stockIsConservedAcrossReserveConfirmAndReleaseOfManyOrders() {
		String sku = uniqueSku();
		this.tables.insert(product(sku, 100, 20));
		List<UUID> orders = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
		for (UUID orderId : orders) {
			orchestrator.send(reserveStock(orderId, item(sku, 4)));
		}
		orders.forEach((orderId) -> orchestrator.awaitReply(StockReserved.class, orderId));
		assertThat(this.tables.product(sku).reserved()).isEqualTo(16);

		orchestrator.send(confirmReservation(orders.get(0)));
		orchestrator.send(confirmReservation(orders.get(1)));
		orchestrator.send(releaseStock(orders.get(2)));
		orchestrator.awaitReply(ReservationConfirmed.class, orders.get(0));
		orchestrator.awaitReply(ReservationConfirmed.class, orders.get(1));
		orchestrator.awaitReply(StockReleased.class, orders.get(2));
		assertThat(this.tables.onHandPlusConfirmed(sku)).isEqualTo(20);
		assertThat(this.tables.product(sku).reserved()).isEqualTo(this.tables.heldByReservations(sku)).isEqualTo(4);

		orchestrator.send(releaseStock(orders.get(1)));
		orchestrator.awaitReply(StockReleased.class, orders.get(1));
		assertThat(this.tables.onHandPlusConfirmed(sku)).isEqualTo(20);
		assertThat(this.tables.product(sku).onHand()).isEqualTo(16);
		assertThat(this.tables.product(sku).reserved()).isEqualTo(4);
	}

}
