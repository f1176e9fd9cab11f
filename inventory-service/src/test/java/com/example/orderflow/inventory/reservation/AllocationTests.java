package com.example.orderflow.inventory.reservation;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import com.example.orderflow.contracts.Money;
import com.example.orderflow.contracts.OrderItem;
import com.example.orderflow.contracts.PricedLine;
import com.example.orderflow.contracts.RejectionReason;
import com.example.orderflow.inventory.reservation.Allocation.Granted;
import com.example.orderflow.inventory.reservation.Allocation.Refused;
import com.example.orderflow.inventory.stock.Product;
import org.junit.jupiter.api.Test;

import static com.example.orderflow.inventory.reservation.ReservationFixtures.item;
import static org.assertj.core.api.Assertions.assertThat;

class AllocationTests {

	static final Product BOOK = new Product("SKU-BOOK", "Book", 4500, "EUR", 10, 0);

	static final Product MUG = new Product("SKU-MUG", "Mug", 1200, "EUR", 5, 4);

	static final Product LAMP = new Product("SKU-LAMP", "Lamp", 3900, "USD", 5, 0);

	static final Map<String, Product> CATALOGUE = Map.of(BOOK.sku(), BOOK, MUG.sku(), MUG, LAMP.sku(), LAMP);

	@Test
	void mergesRepeatedSkusAndSortsThem() {
		assertThat(Allocation.merge(List.of(item("SKU-MUG", 1), item("SKU-BOOK", 2), item("SKU-MUG", 3))))
			.containsExactly(Map.entry("SKU-BOOK", 2L), Map.entry("SKU-MUG", 4L));
	}

	@Test
	void refusesRepeatedLinesThatAddUpBeyondTheStock() {
		List<OrderItem> lines = Collections.nCopies(OrderItem.MAX_LINES, item("SKU-BOOK", OrderItem.MAX_QUANTITY));
		SortedMap<String, Long> requested = Allocation.merge(lines);

		assertThat(requested)
			.containsExactly(Map.entry("SKU-BOOK", (long) OrderItem.MAX_LINES * OrderItem.MAX_QUANTITY));
		assertThat(Allocation.decide("EUR", requested, CATALOGUE)).extracting((refused) -> ((Refused) refused).reason())
			.isEqualTo(RejectionReason.OUT_OF_STOCK);
	}

	@Test
	void grantsEveryLineAtCurrentPricesWithTheirTotal() {
		Allocation allocation = Allocation.decide("EUR", requested("SKU-BOOK", 3, "SKU-MUG", 1), CATALOGUE);

		assertThat(allocation)
			.isEqualTo(new Granted(List.of(new PricedLine("SKU-BOOK", 3, 4500), new PricedLine("SKU-MUG", 1, 1200)),
					new Money(3 * 4500 + 1200, "EUR")));
	}

	@Test
	void grantsExactlyWhatIsAvailable() {
		assertThat(Allocation.decide("EUR", requested("SKU-MUG", 1), CATALOGUE)).isInstanceOf(Granted.class);
	}

	@Test
	void refusesWhenAnyLineExceedsWhatIsAvailable() {
		Allocation allocation = Allocation.decide("EUR", requested("SKU-BOOK", 1, "SKU-MUG", 2), CATALOGUE);

		assertThat(allocation).isInstanceOfSatisfying(Refused.class, (refused) -> {
			assertThat(refused.reason()).isEqualTo(RejectionReason.OUT_OF_STOCK);
			assertThat(refused.detail()).contains("SKU-MUG (requested 2, available 1)").doesNotContain("SKU-BOOK");
		});
	}

	@Test
	void refusesUnknownProductsNamingThem() {
		Allocation allocation = Allocation.decide("EUR", requested("SKU-BOOK", 1, "SKU-NOPE", 1), CATALOGUE);

		assertThat(allocation).isEqualTo(new Refused(RejectionReason.UNKNOWN_PRODUCT, "unknown products: SKU-NOPE"));
	}

	@Test
	void refusesProductsPricedInAnotherCurrency() {
		Allocation allocation = Allocation.decide("EUR", requested("SKU-BOOK", 1, "SKU-LAMP", 1), CATALOGUE);

		assertThat(allocation).isInstanceOfSatisfying(Refused.class, (refused) -> {
			assertThat(refused.reason()).isEqualTo(RejectionReason.CURRENCY_MISMATCH);
			assertThat(refused.detail()).contains("SKU-LAMP is priced in USD");
		});
	}

	@Test
	void reportsUnknownProductsBeforeOtherProblems() {
		Allocation allocation = Allocation.decide("EUR", requested("SKU-LAMP", 1, "SKU-MUG", 9, "SKU-NOPE", 1),
				CATALOGUE);

		assertThat(allocation).extracting((refused) -> ((Refused) refused).reason())
			.isEqualTo(RejectionReason.UNKNOWN_PRODUCT);
	}

	private static SortedMap<String, Long> requested(Object... skusAndQuantities) {
		SortedMap<String, Long> requested = new TreeMap<>();
		for (int i = 0; i < skusAndQuantities.length; i += 2) {
			requested.put((String) skusAndQuantities[i], ((Integer) skusAndQuantities[i + 1]).longValue());
		}
		return requested;
	}

}
