package com.example.orderflow.loadtest.chaos.audit;

import java.util.List;

import org.junit.jupiter.api.Test;

import static com.example.orderflow.loadtest.chaos.audit.AuditFixtures.ALICE;
import static com.example.orderflow.loadtest.chaos.audit.AuditFixtures.APPROVED;
import static com.example.orderflow.loadtest.chaos.audit.AuditFixtures.SKU;
import static org.assertj.core.api.Assertions.assertThat;

class StateReaderTests {

	@Test
	void readsEveryPageOfACustomersOrdersFromEachServicesOwnPort() {
		FakeServices services = new FakeServices(2).account(ALICE, 0).product(SKU, 0, 0);
		for (int i = 1; i <= 5; i++) {
			services.order("00000000-0000-0000-0000-00000000000" + i, ALICE, "REJECTED", "TIMEOUT", null, SKU, 1);
		}

		SystemState state = new StateReader(services, FakeServices.ENDPOINTS).read(List.of(ALICE), List.of(SKU));

		assertThat(state.orders()).hasSize(5);
		assertThat(services.asked()).filteredOn((url) -> url.startsWith("http://order/orders?"))
			.hasSize(3)
			.last()
			.asString()
			.endsWith("&page=2");
		assertThat(services.asked()).contains("http://inventory/products/SKU-A", "http://payment/accounts/alice",
				"http://payment/payments?customerId=alice", "http://orchestrator/sagas?state=PARKED&limit=1000",
				"http://order/actuator/prometheus");
	}

	@Test
	void leavesOutWhatTheServicesDoNotKnow() {
		FakeServices services = AuditFixtures.consistentServices();

		SystemState state = new StateReader(services, FakeServices.ENDPOINTS).read(List.of(ALICE, "nobody"),
				List.of(SKU, "SKU-NONE"));

		assertThat(state.balances()).containsOnlyKeys(ALICE);
		assertThat(state.products()).containsOnlyKeys(SKU);
		assertThat(state.reservations().get(APPROVED).lines()).containsExactly(new SystemState.Line(SKU, 2));
	}

	@Test
	void countsPendingOrdersAsUnsettledUnlessTheirSagaIsParked() {
		String pending = "00000000-0000-0000-0000-000000000007";
		String parked = "00000000-0000-0000-0000-000000000008";
		FakeServices services = AuditFixtures.consistentServices()
			.order(pending, ALICE, "PENDING", null, null, SKU, 1)
			.order(parked, ALICE, "PENDING", null, null, SKU, 1)
			.parked(parked, "RELEASING_STOCK", "unanswered 8 times");

		assertThat(new StateReader(services, FakeServices.ENDPOINTS).unsettled(List.of(ALICE)))
			.containsExactly(pending);
	}

}
