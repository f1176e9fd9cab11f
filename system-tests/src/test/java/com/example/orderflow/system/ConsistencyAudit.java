package com.example.orderflow.system;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What must hold after any run, faults included: every order ended; an approved order has
 * exactly one payment, of its total; a rejected one has no net charge; money (balances
 * plus net charges equal deposits) and stock (on hand plus approved quantities equal the
 * starting stock) are conserved; no reservation is left behind.
 */
final class ConsistencyAudit {

	private ConsistencyAudit() {
	}

	static void assertConsistent(ShopClient shop, List<UUID> orders, Map<String, Long> deposits,
			Map<String, Integer> startingStock, Duration finishWithin) {
		long charged = 0;
		Map<String, Long> approvedQuantities = new HashMap<>();
		for (UUID orderId : orders) {
			Map<String, Object> order = shop.awaitFinished(orderId, finishWithin);
			long net = shop.netCharged(orderId);
			if ("APPROVED".equals(order.get("status"))) {
				assertThat(shop.payments(orderId)).as("payments of approved order %s", orderId).hasSize(1);
				assertThat(net).as("net charge of approved order %s", orderId)
					.isEqualTo(ShopClient.number(order, "total"));
				for (Object line : (List<?>) order.get("lines")) {
					Map<?, ?> item = (Map<?, ?>) line;
					approvedQuantities.merge((String) item.get("sku"), ((Number) item.get("quantity")).longValue(),
							Long::sum);
				}
			}
			else {
				assertThat(order.get("status")).as("status of %s", orderId).isEqualTo("REJECTED");
				assertThat(net).as("net charge of rejected order %s", orderId).isZero();
			}
			charged += net;
		}
		long balances = deposits.keySet().stream().mapToLong(shop::balance).sum();
		long deposited = deposits.values().stream().mapToLong(Long::longValue).sum();
		assertThat(balances + charged).as("money is conserved").isEqualTo(deposited);
		startingStock.forEach((sku, stock) -> assertThat(shop.product(sku)).as("stock of %s", sku)
			.containsEntry("reserved", 0)
			.containsEntry("onHand", (int) (stock - approvedQuantities.getOrDefault(sku, 0L))));
	}

}
