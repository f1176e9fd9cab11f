package com.example.orderflow.payment.payment;

import java.util.UUID;

import com.example.orderflow.contracts.PaymentCommand.ChargePayment;
import com.example.orderflow.payment.PaymentServiceIntegrationTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static com.example.orderflow.servicesecurity.test.Bearer.customer;
import static com.example.orderflow.servicesecurity.test.Bearer.operator;
import static com.example.orderflow.payment.payment.PaymentFixtures.charge;
import static com.example.orderflow.payment.payment.PaymentFixtures.openAccount;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whose payments a caller may list, over the service's real filter chain and database: a
 * customer's query is narrowed to their own, operators see anyone's.
 */
class PaymentAccessIntegrationTests extends PaymentServiceIntegrationTest {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PaymentCommandHandler handler;

	@Autowired
	private PlatformTransactionManager transactionManager;

	private String alice;

	private String bob;

	private ChargePayment alicesFirst;

	private ChargePayment alicesSecond;

	private ChargePayment bobs;

	@BeforeEach
	void twoCustomersWithPayments() {
		this.alice = openAccount(this.jdbc, "EUR", 10_000);
		this.bob = openAccount(this.jdbc, "EUR", 10_000);
		this.alicesFirst = handle(charge(this.alice, 1_000));
		this.alicesSecond = handle(charge(this.alice, 2_000));
		this.bobs = handle(charge(this.bob, 3_000));
	}

	@Test
	void refusesAQueryWithoutAToken() {
		assertThat(payments("/payments?customerId=" + this.alice, null)).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.containsHeader(HttpHeaders.WWW_AUTHENTICATE);
		assertThat(payments("/payments", null)).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void showsACustomerWithoutAFilterTheirOwnPaymentsOnly() {
		assertThat(payments("/payments", customer(this.alice))).hasStatusOk()
			.bodyJson()
			.extractingPath("$[*].orderId")
			.asArray()
			.containsExactly(this.alicesSecond.orderId().toString(), this.alicesFirst.orderId().toString());
	}

	@Test
	void refusesACustomerAskingForAnotherCustomersPaymentsWith403() {
		assertThat(payments("/payments?customerId=" + this.bob, customer(this.alice))).hasStatus(HttpStatus.FORBIDDEN)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyText()
			.doesNotContain(this.bobs.orderId().toString());
		assertThat(
				payments("/payments?orderId=" + this.bobs.orderId() + "&customerId=" + this.bob, customer(this.alice)))
			.hasStatus(HttpStatus.FORBIDDEN);
	}

	@Test
	void answersACustomerAskingForAnotherCustomersOrderLikeAnUnknownOrder() {
		MvcTestResult others = payments("/payments?orderId=" + this.bobs.orderId(), customer(this.alice));
		MvcTestResult unknown = payments("/payments?orderId=" + UUID.randomUUID(), customer(this.alice));

		assertThat(others).hasStatusOk().bodyJson().isStrictlyEqualTo("[]");
		assertThat(unknown).hasStatusOk().bodyJson().isStrictlyEqualTo("[]");
		assertThat(payments("/payments?orderId=" + this.bobs.orderId() + "&customerId=" + this.alice,
				customer(this.alice)))
			.hasStatusOk()
			.bodyJson()
			.isStrictlyEqualTo("[]");
	}

	@Test
	void showsACustomerThePaymentOfTheirOwnOrder() {
		assertThat(payments("/payments?orderId=" + this.alicesFirst.orderId(), customer(this.alice))).hasStatusOk()
			.bodyJson()
			.extractingPath("$[*].customerId")
			.asArray()
			.containsExactly(this.alice);
	}

	@Test
	void showsOperatorsAnyonesPaymentsButStillWantsAFilter() {
		assertThat(payments("/payments?customerId=" + this.bob, operator())).hasStatusOk()
			.bodyJson()
			.extractingPath("$[*].orderId")
			.asArray()
			.containsExactly(this.bobs.orderId().toString());
		assertThat(payments("/payments?orderId=" + this.alicesFirst.orderId(), operator())).hasStatusOk()
			.bodyJson()
			.extractingPath("$[*].customerId")
			.asArray()
			.containsExactly(this.alice);
		assertThat(payments("/payments", operator())).hasStatus(HttpStatus.BAD_REQUEST);
	}

	private MvcTestResult payments(String uri, @Nullable String authorization) {
		MockMvcRequestBuilder request = this.mvc.get().uri(uri);
		return ((authorization != null) ? request.header(HttpHeaders.AUTHORIZATION, authorization) : request)
			.exchange();
	}

	private ChargePayment handle(ChargePayment charge) {
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> this.handler.handle(charge));
		PaymentFixtures.awaitSettled(this.jdbc, charge.orderId());
		return charge;
	}

}
