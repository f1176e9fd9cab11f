package com.example.orderflow.order.orders;

import java.util.List;

import com.example.orderflow.contracts.OrderItem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PlaceOrderTests {

	@Test
	void fingerprintIsASha256InHex() {
		assertThat(order("alice", "EUR", new OrderItem("A", 1)).fingerprint()).matches("[0-9a-f]{64}");
	}

	@Test
	void fingerprintIgnoresTheOrderOfItems() {
		PlaceOrder request = order("alice", "EUR", new OrderItem("A", 1), new OrderItem("B", 2));
		PlaceOrder reordered = order("alice", "EUR", new OrderItem("B", 2), new OrderItem("A", 1));

		assertThat(reordered.fingerprint()).isEqualTo(request.fingerprint());
	}

	@Test
	void fingerprintChangesWithEveryField() {
		PlaceOrder request = order("alice", "EUR", new OrderItem("A", 1), new OrderItem("B", 2));

		assertThat(List.of(order("bob", "EUR", new OrderItem("A", 1), new OrderItem("B", 2)),
				order("alice", "USD", new OrderItem("A", 1), new OrderItem("B", 2)),
				order("alice", "EUR", new OrderItem("A", 1), new OrderItem("B", 3)),
				order("alice", "EUR", new OrderItem("A", 1), new OrderItem("C", 2)),
				order("alice", "EUR", new OrderItem("A", 1))))
			.extracting(PlaceOrder::fingerprint)
			.doesNotContain(request.fingerprint());
	}

	@Test
	void fingerprintKeepsFieldBoundaries() {
		PlaceOrder twoItems = order("alice", "EUR", new OrderItem("A", 1), new OrderItem("B", 2));
		PlaceOrder oneItemSpellingBoth = order("alice", "EUR", new OrderItem("A|1|1:B", 2));

		assertThat(oneItemSpellingBoth.fingerprint()).isNotEqualTo(twoItems.fingerprint());
	}

	@Test
	void refusesTheSameSkuTwice() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> order("alice", "EUR", new OrderItem("A", 1), new OrderItem("A", 2)));
	}

	private static PlaceOrder order(String customerId, String currency, OrderItem... items) {
		return new PlaceOrder(customerId, currency, List.of(items));
	}

}
