package com.example.orderflow.payment.payment;

import java.util.UUID;

import com.example.orderflow.contracts.PaymentCommand.ChargePayment;
import com.example.orderflow.contracts.SagaMessage;
import com.example.orderflow.payment.PaymentServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static com.example.orderflow.payment.payment.PaymentFixtures.charge;
import static com.example.orderflow.payment.payment.PaymentFixtures.newCustomerId;
import static com.example.orderflow.payment.payment.PaymentFixtures.openAccount;
import static com.example.orderflow.payment.payment.PaymentFixtures.refund;
import static org.assertj.core.api.Assertions.assertThat;

class PaymentControllerIntegrationTests extends PaymentServiceIntegrationTest {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PaymentCommandHandler handler;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@Test
	void showsThePaymentOfAnOrder() {
		String customer = openAccount(this.jdbc, "EUR", 10_000);
		ChargePayment charge = charge(customer, 2_500);
		handle(charge);

		assertThat(this.mvc.get().uri("/payments?orderId={orderId}", charge.orderId())).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("""
					[{"orderId": "%s", "customerId": "%s", "amount": 2500, "currency": "EUR", "status": "CHARGED",
					  "declineReason": null}]""".formatted(charge.orderId(), customer))
			.hasPath("$[0].createdAt")
			.hasPath("$[0].updatedAt");
	}

	@Test
	void showsTheReasonOfADeclinedPayment() {
		ChargePayment charge = charge(newCustomerId(), 2_500);
		handle(charge);

		assertThat(this.mvc.get().uri("/payments?orderId={orderId}", charge.orderId())).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("""
					[{"status": "DECLINED", "declineReason": "NO_ACCOUNT"}]""");
	}

	@Test
	void listsTheCustomersPaymentsNewestFirst() {
		String customer = openAccount(this.jdbc, "EUR", 10_000);
		ChargePayment first = charge(customer, 1_000);
		ChargePayment second = charge(customer, 2_000);
		handle(first);
		handle(second);
		handle(refund(first));

		assertThat(this.mvc.get().uri("/payments?customerId={customerId}", customer)).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("""
					[{"orderId": "%s", "status": "CHARGED"}, {"orderId": "%s", "status": "REFUNDED"}]"""
				.formatted(second.orderId(), first.orderId()));
	}

	@Test
	void appliesBothFiltersWhenGivenBoth() {
		String customer = openAccount(this.jdbc, "EUR", 10_000);
		ChargePayment charge = charge(customer, 1_000);
		handle(charge);

		assertThat(
				this.mvc.get().uri("/payments?orderId={orderId}&customerId={customerId}", charge.orderId(), customer))
			.hasStatusOk()
			.bodyJson()
			.extractingPath("$[*].orderId")
			.asArray()
			.containsExactly(charge.orderId().toString());
		assertThat(this.mvc.get()
			.uri("/payments?orderId={orderId}&customerId={customerId}", charge.orderId(), newCustomerId()))
			.hasStatusOk()
			.bodyJson()
			.isStrictlyEqualTo("[]");
	}

	@Test
	void findsNothingForAnUnknownOrder() {
		assertThat(this.mvc.get().uri("/payments?orderId={orderId}", UUID.randomUUID())).hasStatusOk()
			.bodyJson()
			.isStrictlyEqualTo("[]");
	}

	@Test
	void aQueryWithoutFiltersIsABadRequest() {
		assertThat(this.mvc.get().uri("/payments")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("orderId", "customerId");
	}

	@Test
	void aMalformedOrderIdIsABadRequestListingTheParameter() {
		assertThat(this.mvc.get().uri("/payments?orderId=not-a-uuid")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.asString()
			.isEqualTo("orderId");
	}

	@Test
	void aMalformedCustomerIdIsABadRequestListingTheParameter() {
		assertThat(this.mvc.get().uri("/payments?customerId={customerId}", "no spaces please"))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.asString()
			.isEqualTo("customerId");
	}

	/** Handles the command and waits until the provider settled what it started. */
	private void handle(SagaMessage command) {
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> this.handler.handle(command));
		PaymentFixtures.awaitSettled(this.jdbc, command.orderId());
	}

}
