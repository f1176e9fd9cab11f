package com.example.orderflow.loadtest;

import com.example.orderflow.loadtest.DatabaseStatistics.DatabaseCounters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseStatisticsTests {

	@Test
	void countsTheFiveServiceDatabasesWithTheirPrefix() {
		assertThat(DatabaseStatistics.serviceDatabases(null)).containsExactly("orders", "inventory", "payments",
				"orchestrator", "auth");
		assertThat(DatabaseStatistics.serviceDatabases("e2e_")).containsExactly("e2e_orders", "e2e_inventory",
				"e2e_payments", "e2e_orchestrator", "e2e_auth");
	}

	@Test
	void subtractsAnEarlierReading() {
		assertThat(new DatabaseCounters(171, 1_253, 900, 70_000, 112)
			.minus(new DatabaseCounters(100, 1_000, 400, 20_000, 50)))
			.isEqualTo(new DatabaseCounters(71, 253, 500, 50_000, 62));
	}

}
