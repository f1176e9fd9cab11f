package com.example.orderflow.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole saga across the four services running as separate processes: the three
 * outcomes, the last-unit race, and crashes mid-saga, each checked for conserved money
 * and stock.
 */
class PlaceOrderAcrossServicesIntegrationTests {

	private static final Duration FINISH_WITHIN = Duration.ofSeconds(90);

	private static RunningSystem system;

	private static ShopClient shop;

	@BeforeAll
	static void startServices() {
		system = RunningSystem.start(Duration.ofSeconds(10));
		shop = ShopClient.direct(system);
	}

	@AfterAll
	static void stopServices() {
		if (system != null) {
			system.close();
		}
	}

	@Test
	void approvesRejectsForStockAndRejectsForPaymentWhileConservingMoneyAndStock() {
		String book = ShopClient.uniqueSku("BOOK");
		String lamp = ShopClient.uniqueSku("LAMP");
		shop.putProduct(book, 4500, 100);
		shop.putProduct(lamp, 3900, 1);
		String rich = ShopClient.uniqueCustomer("rich");
		String poor = ShopClient.uniqueCustomer("poor");
		shop.deposit(rich, 1_000_000);
		shop.deposit(poor, 1_000);

		UUID approved = shop.placeOrder(rich, Map.of(book, 2));
		UUID outOfStock = shop.placeOrder(rich, Map.of(book, 1, lamp, 2));
		UUID declined = shop.placeOrder(poor, Map.of(book, 1));

		Map<String, Object> approvedOrder = shop.awaitFinished(approved, FINISH_WITHIN);
		assertThat(approvedOrder).containsEntry("status", "APPROVED");
		assertThat(ShopClient.number(approvedOrder, "total")).isEqualTo(9000);
		assertThat(shop.netCharged(approved)).isEqualTo(9000);

		Map<String, Object> stockOrder = shop.awaitFinished(outOfStock, FINISH_WITHIN);
		assertThat(stockOrder).containsEntry("status", "REJECTED").containsEntry("reason", "OUT_OF_STOCK");
		assertThat(shop.payments(outOfStock)).isEmpty();

		Map<String, Object> declinedOrder = shop.awaitFinished(declined, FINISH_WITHIN);
		assertThat(declinedOrder).containsEntry("status", "REJECTED").containsEntry("reason", "PAYMENT_DECLINED");
		assertThat(shop.netCharged(declined)).isZero();

		assertThat(shop.balance(rich)).isEqualTo(1_000_000 - 9000);
		assertThat(shop.balance(poor)).isEqualTo(1_000);
		assertThat(shop.product(book)).containsEntry("onHand", 98).containsEntry("reserved", 0);
		assertThat(shop.product(lamp)).containsEntry("onHand", 1).containsEntry("reserved", 0);

		Map<String, Object> saga = shop.saga(declined);
		assertThat(saga).containsEntry("state", "REJECTED");
		assertThat(events(saga)).containsExactly("OrderPlaced", "StockReserved", "PaymentDeclined", "StockReleased",
				"OrderRejected");
	}

	@Test
	void exactlyOneOfConcurrentOrdersGetsTheLastUnit() throws Exception {
		String last = ShopClient.uniqueSku("LAST");
		shop.putProduct(last, 1000, 1);
		String customer = ShopClient.uniqueCustomer("racer");
		shop.deposit(customer, 1_000_000);

		List<UUID> orders = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
			List<Future<UUID>> placed = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				placed.add(pool.submit(() -> shop.placeOrder(customer, Map.of(last, 1))));
			}
			for (Future<UUID> order : placed) {
				orders.add(order.get());
			}
		}

		List<Object> outcomes = orders.stream()
			.map((order) -> shop.awaitFinished(order, FINISH_WITHIN).get("status"))
			.toList();
		assertThat(outcomes).filteredOn("APPROVED"::equals).hasSize(1);
		assertThat(outcomes).filteredOn("REJECTED"::equals).hasSize(9);
		assertThat(shop.product(last)).containsEntry("onHand", 0).containsEntry("reserved", 0);
		assertThat(shop.balance(customer)).isEqualTo(1_000_000 - 1000);
	}

	@Test
	void everySagaEndsConsistentlyWhenServicesAreKilledMidSaga() {
		String book = ShopClient.uniqueSku("BOOK");
		String mug = ShopClient.uniqueSku("MUG");
		int stock = 1_000;
		shop.putProduct(book, 4500, stock);
		shop.putProduct(mug, 1200, stock);
		List<String> customers = List.of(ShopClient.uniqueCustomer("a"), ShopClient.uniqueCustomer("b"),
				ShopClient.uniqueCustomer("c"));
		Map<String, Long> deposits = new HashMap<>();
		for (String customer : customers) {
			shop.deposit(customer, 200_000);
			deposits.put(customer, 200_000L);
		}

		List<UUID> orders = new ArrayList<>();
		for (ServiceProcess victim : List.of(system.payments, system.orchestrator, system.inventory, system.orders)) {
			for (int i = 0; i < 8; i++) {
				orders.add(shop.placeOrder(customers.get(i % customers.size()), Map.of(book, 1 + i % 3, mug, 1)));
			}
			system.crashAndRestart(victim, Duration.ofSeconds(1));
		}

		ConsistencyAudit.assertConsistent(shop, orders, deposits, Map.of(book, stock, mug, stock), FINISH_WITHIN);
	}

	private static List<String> events(Map<String, Object> saga) {
		return ((List<?>) saga.get("history")).stream()
			.map((step) -> String.valueOf(((Map<?, ?>) step).get("event")))
			.toList();
	}

}
