package com.example.orderflow.contracts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OrderItemTests {

	@Test
	void boundsTheQuantitySoThatNoOrdersTotalCanOverflow() {
		assertThat(new OrderItem("SKU-1", OrderItem.MAX_QUANTITY).quantity()).isEqualTo(OrderItem.MAX_QUANTITY);
		assertThatIllegalArgumentException().isThrownBy(() -> new OrderItem("SKU-1", OrderItem.MAX_QUANTITY + 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new OrderItem("SKU-1", 0));
		// the largest order at the highest price
		Money line = new Money(Money.MAX_UNIT_PRICE, "EUR").times(OrderItem.MAX_QUANTITY);
		Money total = new Money(0, "EUR");
		for (int i = 0; i < OrderItem.MAX_LINES; i++) {
			total = total.plus(line);
		}
		assertThat(total.amount()).isLessThan(Long.MAX_VALUE / 9);
	}

	@Test
	void aSkuIsWhatInventoryCouldHave() {
		assertThat("SKU-BOOK_2.a").matches(OrderItem.SKU_PATTERN);
		assertThat("x".repeat(64)).matches(OrderItem.SKU_PATTERN);
		for (String notASku : new String[] { "../../etc/passwd", "-first", "a b", "x".repeat(65), "", "X\u0000Y" }) {
			assertThat(notASku).as(notASku).doesNotMatch(OrderItem.SKU_PATTERN);
		}
	}

}
