package com.example.orderflow.order.orders;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.example.orderflow.order.IntegrationTestSupport;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.example.orderflow.order.orders.OrderFixtures.placeOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Group commit for order placement ({@link PlacementWriter}): orders handed in while a
 * transaction is being written go into the next one together, and each must end as if it
 * had had a transaction of its own. The writer is held on a row lock another transaction
 * keeps (an uncommitted order under the same key), so that the next batch is known to
 * hold every order the test hands in meanwhile.
 */
class PlacementWriterIntegrationTests extends IntegrationTestSupport {

	private final ExecutorService requests = Executors.newFixedThreadPool(16);

	@Autowired
	PlacementWriter writer;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	@AfterEach
	void stopRequests() {
		this.requests.shutdownNow();
	}

	@Test
	void aBatchWritesEachOrderAsIfAloneAndABadOrderFailsOnlyItsOwnRequest() throws Exception {
		NewOrder blocked = newOrder("blocked-key", "orderflow-tools");
		List<NewOrder> good = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			good.add(newOrder("key-" + i, "customer-principal-" + i));
		}
		NewOrder sameKeyAsFirst = new NewOrder(UUID.randomUUID(), UUID.randomUUID(), good.get(0).idempotencyKey(),
				"another-hash", good.get(0).request(), "customer-principal-0");
		// PostgreSQL refuses a NUL in text: a failure of this order's data alone
		NewOrder bad = newOrder("bad\u0000key", "orderflow-tools");

		CompletableFuture<Boolean> blockedInsert;
		List<CompletableFuture<Boolean>> goodInserts = new ArrayList<>();
		CompletableFuture<Boolean> duplicateInsert;
		CompletableFuture<Boolean> badInsert;
		try (Connection other = this.dataSource.getConnection()) {
			other.setAutoCommit(false);
			holdKey(other, blocked);
			blockedInsert = submit(blocked);
			await().atMost(10, TimeUnit.SECONDS).until(() -> waiting() == 0);
			for (NewOrder order : good) {
				goodInserts.add(submit(order));
			}
			duplicateInsert = submit(sameKeyAsFirst);
			badInsert = submit(bad);
			await().atMost(10, TimeUnit.SECONDS).until(() -> waiting() == good.size() + 2);
			other.commit();
		}

		assertThat(blockedInsert.get(10, TimeUnit.SECONDS)).as("the key was taken meanwhile").isFalse();
		for (CompletableFuture<Boolean> insert : goodInserts) {
			assertThat(insert.get(10, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(duplicateInsert.get(10, TimeUnit.SECONDS)).as("its key was taken earlier in the batch").isFalse();
		assertThat(badInsert).failsWithin(10, TimeUnit.SECONDS)
			.withThrowableThat()
			.havingRootCause()
			.withMessageContaining("0x00");
		assertThat(badInsert.handle((inserted, failure) -> failure.getCause()).get())
			.isInstanceOf(DataIntegrityViolationException.class);
		for (NewOrder order : good) {
			assertThat(linesOf(order)).isEqualTo(order.request().items().size());
			assertThat(placedEventHeaders(order)).singleElement()
				.asString()
				.contains("\"principal\":\"" + order.placedBy() + "\"");
		}
		assertThat(linesOf(sameKeyAsFirst)).isZero();
		assertThat(placedEventHeaders(sameKeyAsFirst)).isEmpty();
		assertThat(placedEventHeaders(blocked)).isEmpty();
		assertThat(this.meters.get("orders.placement.batch").summary().max()).as("one commit for the waiting orders")
			.isGreaterThanOrEqualTo(good.size() + 2);
	}

	/** Inserts an order under the same customer and key, not committed. */
	private static void holdKey(Connection connection, NewOrder order) throws Exception {
		try (PreparedStatement insert = connection.prepareStatement(
				"""
						insert into orders (id, saga_id, customer_id, currency, status, idempotency_key, request_hash, placed_by)
						values (?, ?, ?, 'EUR', 'PENDING', ?, 'held', 'test')""")) {
			insert.setObject(1, UUID.randomUUID());
			insert.setObject(2, UUID.randomUUID());
			insert.setString(3, order.customerId());
			insert.setString(4, order.idempotencyKey());
			insert.executeUpdate();
		}
	}

	private CompletableFuture<Boolean> submit(NewOrder order) {
		return CompletableFuture.supplyAsync(() -> this.writer.insert(order), this.requests);
	}

	private double waiting() {
		return this.meters.get("orders.placement.waiting").gauge().value();
	}

	private static NewOrder newOrder(String key, String placedBy) {
		return new NewOrder(UUID.randomUUID(), UUID.randomUUID(), key, "hash-" + key, placeOrder(), placedBy);
	}

	private int linesOf(NewOrder order) {
		return this.jdbc.sql("select count(*) from order_lines where order_id = ?")
			.param(order.id())
			.query(Integer.class)
			.single();
	}

	private List<String> placedEventHeaders(NewOrder order) {
		return this.jdbc.sql("select headers from outbox where message_key = ? and message_type = 'OrderPlaced'")
			.param(order.id().toString())
			.query(String.class)
			.list();
	}

}
