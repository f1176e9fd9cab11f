package com.example.orderflow.order.orders;

import java.util.List;
import java.util.UUID;

import com.example.orderflow.contracts.OrderCommand.ApproveOrder;
import com.example.orderflow.contracts.RejectionReason;
import com.example.orderflow.contracts.SagaMessage;
import com.example.orderflow.order.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static com.example.orderflow.order.orders.OrderFixtures.FIRST_UNIT_PRICE;
import static com.example.orderflow.order.orders.OrderFixtures.SECOND_UNIT_PRICE;
import static com.example.orderflow.order.orders.OrderFixtures.approveOrder;
import static com.example.orderflow.order.orders.OrderFixtures.placeOrder;
import static com.example.orderflow.order.orders.OrderFixtures.rejectOrder;
import static com.example.orderflow.order.orders.OrderFixtures.rejectPricedOrder;
import static com.example.orderflow.order.orders.OrderFixtures.resent;
import static com.example.orderflow.order.orders.OrderFixtures.totalOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A consumer's batch applies many verdicts in one transaction: its orders locked with one
 * statement, decided in memory, stored set-based just before the commit. Every order must
 * end as if each command had had a transaction of its own, and nothing of a rolled-back
 * batch may stay. Driven the way the consumer drives the handler, against the real
 * PostgreSQL.
 */
class OrderBatchIntegrationTests extends IntegrationTestSupport {

	@Autowired
	OrderCommandHandler handler;

	@Autowired
	OrderPlacement placement;

	@Autowired
	OrderRepository orders;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aBatchOfVerdictsEndsAsIfEachHadItsOwnTransaction() {
		Order approved = newPendingOrder();
		Order rejected = newPendingOrder();
		Order rejectedUnpriced = newPendingOrder();
		ApproveOrder approval = approveOrder(approved);

		applyInOneTransaction(List.of(approval, rejectPricedOrder(rejected, RejectionReason.PAYMENT_DECLINED),
				rejectOrder(rejectedUnpriced, RejectionReason.OUT_OF_STOCK), resent(approval)));

		Order storedApproved = this.orders.findById(approved.id()).orElseThrow();
		assertThat(storedApproved.status()).isEqualTo(OrderStatus.APPROVED);
		assertThat(storedApproved.total()).isEqualTo(totalOf(approved).amount());
		assertThat(storedApproved.lines()).extracting(OrderLine::unitPrice)
			.containsExactly(FIRST_UNIT_PRICE, SECOND_UNIT_PRICE);
		Order storedRejected = this.orders.findById(rejected.id()).orElseThrow();
		assertThat(storedRejected.status()).isEqualTo(OrderStatus.REJECTED);
		assertThat(storedRejected.reason()).isEqualTo(RejectionReason.PAYMENT_DECLINED);
		assertThat(storedRejected.lines()).extracting(OrderLine::unitPrice)
			.containsExactly(FIRST_UNIT_PRICE, SECOND_UNIT_PRICE);
		Order storedUnpriced = this.orders.findById(rejectedUnpriced.id()).orElseThrow();
		assertThat(storedUnpriced.status()).isEqualTo(OrderStatus.REJECTED);
		assertThat(storedUnpriced.total()).isNull();
		assertThat(storedUnpriced.lines()).extracting(OrderLine::unitPrice).containsOnlyNulls();
		assertThat(repliesFor(approved.id())).as("the re-sent approval is answered again")
			.containsExactly("OrderApproved", "OrderApproved");
		assertThat(repliesFor(rejected.id())).containsExactly("OrderRejected");
	}

	@Test
	void aVerdictThatContradictsOneEarlierInItsBatchFailsTheWholeBatch() {
		Order approved = newPendingOrder();
		Order other = newPendingOrder();

		assertThatIllegalStateException()
			.isThrownBy(() -> applyInOneTransaction(List.of(approveOrder(other), approveOrder(approved),
					rejectOrder(approved, RejectionReason.OUT_OF_STOCK))))
			.withMessageContaining("approved");

		assertThat(this.orders.findById(approved.id()).orElseThrow().status()).isEqualTo(OrderStatus.PENDING);
		assertThat(this.orders.findById(other.id()).orElseThrow().status()).isEqualTo(OrderStatus.PENDING);
		assertThat(repliesFor(other.id())).isEmpty();
	}

	private void applyInOneTransaction(List<SagaMessage> batch) {
		this.transactions.executeWithoutResult((status) -> {
			this.handler.lockAll(batch);
			batch.forEach(this.handler::handle);
		});
	}

	private Order newPendingOrder() {
		PlacedOrder placed = this.placement.place(UUID.randomUUID().toString(), placeOrder(), "orderflow-tools");
		return this.orders.findById(placed.orderId()).orElseThrow();
	}

	private List<String> repliesFor(UUID orderId) {
		return this.jdbc
			.sql("select message_type from outbox where message_key = ? and message_type like 'Order%' "
					+ "and message_type <> 'OrderPlaced' order by id")
			.param(orderId.toString())
			.query(String.class)
			.list();
	}

}
