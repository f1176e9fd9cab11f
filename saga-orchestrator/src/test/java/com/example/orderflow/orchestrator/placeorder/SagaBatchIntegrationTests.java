package com.example.orderflow.orchestrator.placeorder;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.example.orderflow.contracts.OrderEvent.OrderPlaced;
import com.example.orderflow.contracts.SagaMessage;
import com.example.orderflow.messaging.test.TestDatabase;
import com.example.orderflow.messaging.test.TestKafka;
import com.example.orderflow.servicesecurity.test.TestIssuer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.orderPlaced;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.paymentCharged;
import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.stockReserved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * A consumer's batch moves many sagas in one transaction, locked with one statement and
 * stored with one more just before the commit: each saga must end as if its replies had
 * come one transaction each, and nothing of a rolled-back batch may stay. Driven the way
 * the consumer drives the handler, against the real PostgreSQL.
 */
@SpringBootTest
// a cached context would stay in the consumer group and take other tests' messages
@DirtiesContext
class SagaBatchIntegrationTests {

	static final TestDatabase database = TestDatabase.create("orchestrator");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		TestIssuer.register(registry);
		registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
		// the assertions read what went into the outbox: keep published rows
		registry.add("messaging.outbox.retention", () -> "1h");
	}

	@Autowired
	SagaReplyHandler handler;

	@Autowired
	SagaRepository sagas;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void movesEverySagaOfABatchAndASagaMovedTwiceEndsWhereItsSecondMoveLeftIt() {
		OrderPlaced first = orderPlaced();
		OrderPlaced second = orderPlaced();
		consumeInOneTransaction(List.of(first, second));

		consumeInOneTransaction(List.of(stockReserved(first), stockReserved(second), paymentCharged(first)));

		SagaView firstSaga = view(first);
		assertThat(firstSaga.state()).isEqualTo(SagaState.CONFIRMING_RESERVATION.name());
		assertThat(firstSaga.total()).isEqualTo(SagaFixtures.TOTAL.amount());
		assertThat(firstSaga.history()).extracting(SagaStep::event)
			.containsExactly("OrderPlaced", "StockReserved", "PaymentCharged");
		assertThat(firstSaga.updatedAt()).isAfter(firstSaga.createdAt());
		SagaView secondSaga = view(second);
		assertThat(secondSaga.state()).isEqualTo(SagaState.CHARGING_PAYMENT.name());
		assertThat(secondSaga.history()).extracting(SagaStep::event).containsExactly("OrderPlaced", "StockReserved");
		assertThat(commandsFor(first)).containsExactly("ReserveStock", "ChargePayment", "ConfirmReservation");
		assertThat(commandsFor(second)).containsExactly("ReserveStock", "ChargePayment");
	}

	@Test
	void storesNothingOfABatchThatRollsBackAndTheNextTransactionReadsTheSagaAfresh() {
		OrderPlaced placed = orderPlaced();
		consumeInOneTransaction(List.of(placed));

		this.transactions.executeWithoutResult((status) -> {
			consume(List.of(stockReserved(placed)));
			status.setRollbackOnly();
		});

		assertThat(view(placed).state()).isEqualTo(SagaState.RESERVING_STOCK.name());
		assertThat(view(placed).history()).extracting(SagaStep::event).containsExactly("OrderPlaced");
		assertThat(commandsFor(placed)).containsExactly("ReserveStock");

		consumeInOneTransaction(List.of(stockReserved(placed)));
		assertThat(view(placed).state()).isEqualTo(SagaState.CHARGING_PAYMENT.name());
		assertThat(view(placed).history()).extracting(SagaStep::event).containsExactly("OrderPlaced", "StockReserved");
	}

	@Test
	void storesTheStepDeadlineAndHistoryAsTheMoveLeftThem() {
		OrderPlaced placed = orderPlaced();
		Instant deadline = this.transactions.execute((status) -> {
			consume(List.of(placed, stockReserved(placed)));
			// the saga as the moves left it in memory, not yet stored
			return this.sagas.lockByOrderId(placed.orderId()).orElseThrow().stepDeadline();
		});

		Instant stored = this.jdbc.sql("select step_deadline from sagas where order_id = ?")
			.param(placed.orderId())
			.query(Timestamp.class)
			.single()
			.toInstant();
		// PostgreSQL keeps microseconds
		assertThat(stored).isCloseTo(deadline, within(1, ChronoUnit.MICROS));
		assertThat(view(placed).history()).extracting(SagaStep::state)
			.containsExactly(SagaState.RESERVING_STOCK, SagaState.CHARGING_PAYMENT);
	}

	@Test
	void aBatchBeginsEachSagaOnceAndARepeatedOrderPlacedBeginsNone() {
		OrderPlaced earlier = orderPlaced();
		consumeInOneTransaction(List.of(earlier));
		OrderPlaced first = orderPlaced();
		OrderPlaced second = orderPlaced();

		consumeInOneTransaction(List.of(first, second, repeated(first), repeated(earlier)));

		assertThat(sagaIdsOf(first)).containsExactly(first.sagaId());
		assertThat(sagaIdsOf(second)).containsExactly(second.sagaId());
		assertThat(sagaIdsOf(earlier)).containsExactly(earlier.sagaId());
		assertThat(commandsFor(first)).containsExactly("ReserveStock");
		assertThat(commandsFor(second)).containsExactly("ReserveStock");
		assertThat(commandsFor(earlier)).containsExactly("ReserveStock");
		assertThat(view(first).history()).extracting(SagaStep::event).containsExactly("OrderPlaced");
	}

	@Test
	void aSagaAnotherInstanceBeginsMeanwhileFailsTheBatchWhichLeavesNothing() {
		OrderPlaced alone = orderPlaced();
		OrderPlaced raced = orderPlaced();

		assertThatExceptionOfType(ConcurrencyFailureException.class)
			.isThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
				this.handler.lockSagasOf(List.of(alone, raced));
				// another instance, on a thread and transaction of its own, begins the
				// same order's saga after this batch found none
				CompletableFuture.runAsync(() -> consumeInOneTransaction(List.of(repeated(raced)))).join();
				List.of(alone, raced).forEach(this.handler::handle);
			}));

		assertThat(sagaIdsOf(alone)).isEmpty();
		assertThat(commandsFor(alone)).isEmpty();
		assertThat(commandsFor(raced)).as("only the other instance's").containsExactly("ReserveStock");
	}

	/** The same order placed again, under a new message id. */
	private static OrderPlaced repeated(OrderPlaced placed) {
		return new OrderPlaced(UUID.randomUUID(), placed.sagaId(), placed.orderId(), placed.occurredAt(),
				placed.customerId(), placed.currency(), placed.items());
	}

	private List<UUID> sagaIdsOf(OrderPlaced placed) {
		return this.jdbc.sql("select id from sagas where order_id = ?")
			.param(placed.orderId())
			.query(UUID.class)
			.list();
	}

	private void consumeInOneTransaction(List<SagaMessage> messages) {
		this.transactions.executeWithoutResult((status) -> consume(messages));
	}

	private void consume(List<SagaMessage> messages) {
		this.handler.lockSagasOf(messages);
		messages.forEach(this.handler::handle);
	}

	private SagaView view(OrderPlaced placed) {
		return this.sagas.findView(placed.orderId()).orElseThrow();
	}

	private List<String> commandsFor(OrderPlaced placed) {
		return this.jdbc.sql("select message_type from outbox where message_key = ? order by id")
			.param(placed.orderId().toString())
			.query(String.class)
			.list();
	}

}
