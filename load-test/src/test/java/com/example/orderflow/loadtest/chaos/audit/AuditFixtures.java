package com.example.orderflow.loadtest.chaos.audit;

import java.util.Map;
import java.util.Set;

/**
 * One customer (deposited 10,000), one product (100 in stock) and three orders that ended
 * consistently: approved for 2 units at 1,500, rejected for stock, rejected for payment.
 */
final class AuditFixtures {

	static final String ALICE = "alice";

	static final String SKU = "SKU-A";

	static final String APPROVED = "00000000-0000-0000-0000-000000000001";

	static final String OUT_OF_STOCK = "00000000-0000-0000-0000-000000000002";

	static final String DECLINED = "00000000-0000-0000-0000-000000000003";

	private AuditFixtures() {
	}

	static FakeServices consistentServices() {
		return new FakeServices(100).account(ALICE, 7_000)
			.product(SKU, 98, 0)
			.order(APPROVED, ALICE, "APPROVED", null, 3_000L, SKU, 2)
			.payment(APPROVED, ALICE, 3_000, "CHARGED")
			.reservation(APPROVED, "CONFIRMED", SKU, 2)
			.order(OUT_OF_STOCK, ALICE, "REJECTED", "OUT_OF_STOCK", null, SKU, 500)
			.reservation(OUT_OF_STOCK, "REJECTED", SKU, 500)
			.order(DECLINED, ALICE, "REJECTED", "PAYMENT_DECLINED", 1_500L, SKU, 1)
			.payment(DECLINED, ALICE, 1_500, "DECLINED")
			.reservation(DECLINED, "RELEASED", SKU, 1);
	}

	static Auditor.Facts facts() {
		return new Auditor.Facts(Map.of(ALICE, 10_000L), Map.of(SKU, 100), Set.of(APPROVED, OUT_OF_STOCK, DECLINED),
				Map.of());
	}

}
