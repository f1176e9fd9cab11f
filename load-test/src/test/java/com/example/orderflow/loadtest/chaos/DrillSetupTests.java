package com.example.orderflow.loadtest.chaos;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class DrillSetupTests {

	private final DrillSetup setup = DrillSetup.create("r1");

	@Test
	void ordersOnlyForTheDrillsOwnCustomersAndProductsAndSomeThatMustBeRejected() {
		JsonMapper json = JsonMapper.builder().build();
		Random random = new Random(7);
		Set<String> customers = new HashSet<>();
		Set<String> skus = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			JsonNode order = json.readTree(this.setup.nextOrder(random));
			assertThat(order.path("currency").stringValue()).isEqualTo("EUR");
			customers.add(order.path("customerId").stringValue());
			order.path("items").forEach((item) -> {
				skus.add(item.path("sku").stringValue());
				assertThat(item.path("quantity").intValue()).isBetween(1, 3);
			});
		}

		assertThat(this.setup.deposits().keySet()).containsAll(customers);
		assertThat(customers).contains("chaos-r1-poor1", "chaos-r1-poor2");
		assertThat(skus).containsExactlyInAnyOrderElementsOf(this.setup.startingStock().keySet());
	}

	@Test
	void givesPoorCustomersLessThanAnyProductCosts() {
		assertThat(this.setup.deposits()).hasSize(DrillSetup.CUSTOMERS + 2)
			.containsEntry("chaos-r1-c01", DrillSetup.DEPOSIT)
			.containsEntry("chaos-r1-poor1", DrillSetup.POOR_DEPOSIT);
		assertThat(this.setup.products())
			.allSatisfy((product) -> assertThat(product.unitPrice()).isGreaterThan(DrillSetup.POOR_DEPOSIT));
		assertThat(this.setup.startingStock()).containsEntry("SKU-CHAOS-r1-SCARCE", 10);
	}

}
