package com.example.orderflow.payment.payment;

import java.util.UUID;

import com.example.orderflow.contracts.PaymentCommand.ChargePayment;
import com.example.orderflow.contracts.SagaMessage;
import com.example.orderflow.payment.PaymentServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static com.example.orderflow.servicesecurity.test.Bearer.customer;
import static com.example.orderflow.servicesecurity.test.Bearer.operator;
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

		assertThat(get("/payments?orderId={orderId}", customer(customer), charge.orderId())).hasStatusOk()
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

		assertThat(get("/payments?orderId={orderId}", customer(charge.customerId()), charge.orderId())).hasStatusOk()
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

		assertThat(get("/payments?customerId={customerId}", customer(customer), customer)).hasStatusOk()
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

		assertThat(get("/payments?orderId={orderId}&customerId={customerId}", operator(), charge.orderId(), customer))
			.hasStatusOk()
			.bodyJson()
			.extractingPath("$[*].orderId")
			.asArray()
			.containsExactly(charge.orderId().toString());
		assertThat(get("/payments?orderId={orderId}&customerId={customerId}", operator(), charge.orderId(),
				newCustomerId()))
			.hasStatusOk()
			.bodyJson()
			.isStrictlyEqualTo("[]");
	}

	@Test
	void findsNothingForAnUnknownOrder() {
		assertThat(get("/payments?orderId={orderId}", operator(), UUID.randomUUID())).hasStatusOk()
			.bodyJson()
			.isStrictlyEqualTo("[]");
	}

	@Test
	void anOperatorsQueryWithoutFiltersIsABadRequest() {
		assertThat(get("/payments", operator())).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("orderId", "customerId");
	}

	@Test
	void aMalformedOrderIdIsABadRequestListingTheParameter() {
		assertThat(get("/payments?orderId=not-a-uuid", operator())).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.asString()
			.isEqualTo("orderId");
	}

	@Test
	void aMalformedCustomerIdIsABadRequestListingTheParameter() {
		assertThat(get("/payments?customerId={customerId}", operator(), "no spaces please"))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.asString()
			.isEqualTo("customerId");
	}

	private MvcTestResult get(String uri, String authorization, Object... variables) {
		return this.mvc.get().uri(uri, variables).header(HttpHeaders.AUTHORIZATION, authorization).exchange();
	}

	/** Handles the command and waits until the provider settled what it started. */
	private void handle(SagaMessage command) {
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> this.handler.handle(command));
		PaymentFixtures.awaitSettled(this.jdbc, command.orderId());
	}

}
