package com.example.orderflow.order.orders;

import java.util.List;

import com.example.orderflow.contracts.Money;
import com.example.orderflow.contracts.PricedLine;
import com.example.orderflow.contracts.RejectionReason;
import org.junit.jupiter.api.Test;

import static com.example.orderflow.order.orders.OrderFixtures.FIRST_UNIT_PRICE;
import static com.example.orderflow.order.orders.OrderFixtures.SECOND_UNIT_PRICE;
import static com.example.orderflow.order.orders.OrderFixtures.pendingOrder;
import static com.example.orderflow.order.orders.OrderFixtures.pricedLines;
import static com.example.orderflow.order.orders.OrderFixtures.totalOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class OrderTests {

	@Test
	void approvingAPendingOrderPricesEveryLineAndKeepsTheTotal() {
		Order order = pendingOrder();

		Order approved = order.approve(pricedLines(order), totalOf(order));

		assertThat(approved.status()).isEqualTo(OrderStatus.APPROVED);
		assertThat(approved.reason()).isNull();
		assertThat(approved.total()).isEqualTo(2 * FIRST_UNIT_PRICE + 3 * SECOND_UNIT_PRICE);
		assertThat(approved.lines()).extracting(OrderLine::unitPrice)
			.containsExactly(FIRST_UNIT_PRICE, SECOND_UNIT_PRICE);
	}

	@Test
	void approvingMatchesPricesToLinesBySku() {
		Order order = pendingOrder();

		Order approved = order.approve(pricedLines(order).reversed(), totalOf(order));

		assertThat(approved.lines()).extracting(OrderLine::unitPrice)
			.containsExactly(FIRST_UNIT_PRICE, SECOND_UNIT_PRICE);
	}

	@Test
	void approvingAnApprovedOrderAgainChangesNothing() {
		Order order = pendingOrder();
		Order approved = order.approve(pricedLines(order), totalOf(order));

		assertThat(approved.approve(pricedLines(order), totalOf(order))).isSameAs(approved);
	}

	@Test
	void approvingARejectedOrderIsRefused() {
		Order rejected = pendingOrder().reject(RejectionReason.OUT_OF_STOCK, List.of(), null);

		assertThatIllegalStateException().isThrownBy(() -> rejected.approve(pricedLines(rejected), totalOf(rejected)))
			.withMessageContaining("rejected");
	}

	@Test
	void approvingWithATotalInAnotherCurrencyIsRefused() {
		Order order = pendingOrder();

		assertThatIllegalStateException()
			.isThrownBy(() -> order.approve(pricedLines(order), new Money(totalOf(order).amount(), "USD")));
	}

	@Test
	void approvingWithoutAPriceForEveryLineIsRefused() {
		Order order = pendingOrder();
		List<PricedLine> firstLineOnly = pricedLines(order).subList(0, 1);

		assertThatIllegalStateException().isThrownBy(() -> order.approve(firstLineOnly, totalOf(order)));
	}

	@Test
	void rejectingAPendingOrderKeepsTheReasonAndThePricesTheSagaKnew() {
		Order order = pendingOrder();

		Order rejected = order.reject(RejectionReason.PAYMENT_DECLINED, pricedLines(order), totalOf(order));

		assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);
		assertThat(rejected.reason()).isEqualTo(RejectionReason.PAYMENT_DECLINED);
		assertThat(rejected.total()).isEqualTo(totalOf(order).amount());
		assertThat(rejected.lines()).extracting(OrderLine::unitPrice)
			.containsExactly(FIRST_UNIT_PRICE, SECOND_UNIT_PRICE);
	}

	@Test
	void rejectingBeforePricingLeavesTheOrderUnpriced() {
		Order rejected = pendingOrder().reject(RejectionReason.OUT_OF_STOCK, List.of(), null);

		assertThat(rejected.reason()).isEqualTo(RejectionReason.OUT_OF_STOCK);
		assertThat(rejected.total()).isNull();
		assertThat(rejected.lines()).extracting(OrderLine::unitPrice).containsOnlyNulls();
	}

	@Test
	void rejectingWithPricesInAnotherCurrencyKeepsNoPrices() {
		Order order = pendingOrder();

		Order rejected = order.reject(RejectionReason.CURRENCY_MISMATCH, pricedLines(order),
				new Money(totalOf(order).amount(), "USD"));

		assertThat(rejected.total()).isNull();
		assertThat(rejected.lines()).extracting(OrderLine::unitPrice).containsOnlyNulls();
	}

	@Test
	void rejectingARejectedOrderAgainKeepsTheFirstReason() {
		Order rejected = pendingOrder().reject(RejectionReason.OUT_OF_STOCK, List.of(), null);

		assertThat(rejected.reject(RejectionReason.TIMEOUT, List.of(), null)).isSameAs(rejected);
	}

	@Test
	void rejectingAnApprovedOrderIsRefused() {
		Order order = pendingOrder();
		Order approved = order.approve(pricedLines(order), totalOf(order));

		assertThatIllegalStateException()
			.isThrownBy(() -> approved.reject(RejectionReason.PAYMENT_DECLINED, List.of(), null))
			.withMessageContaining("approved");
	}

}
