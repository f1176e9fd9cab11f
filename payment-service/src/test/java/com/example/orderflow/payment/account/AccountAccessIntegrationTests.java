package com.example.orderflow.payment.account;

import com.example.orderflow.payment.PaymentServiceIntegrationTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static com.example.orderflow.servicesecurity.test.Bearer.customer;
import static com.example.orderflow.servicesecurity.test.Bearer.operator;
import static com.example.orderflow.payment.account.AccountFixtures.deposit;
import static com.example.orderflow.payment.account.AccountFixtures.newCustomerId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may read and fund an account, over the service's real filter chain and database:
 * customers their own, operators anyone's; a refusal changes nothing and a look at
 * another customer's account tells nothing.
 */
class AccountAccessIntegrationTests extends PaymentServiceIntegrationTest {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void refusesCallsWithoutATokenAndOpensNothing() {
		String customer = newCustomerId();

		assertThat(postDeposit(customer, null, deposit(5_000, "EUR"))).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.containsHeader(HttpHeaders.WWW_AUTHENTICATE);
		assertThat(getAccount(customer, null)).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(getAccount(customer, customer(customer))).hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void answersAnotherCustomersAccountExactlyLikeOneThatDoesNotExist() throws Exception {
		String bob = newCustomerId();
		String nobody = newCustomerId();
		assertThat(postDeposit(bob, customer(bob), deposit(5_000, "EUR"))).hasStatusOk();
		String alice = customer(newCustomerId());

		MvcTestResult others = getAccount(bob, alice);
		MvcTestResult missing = getAccount(nobody, alice);

		assertThat(others).hasStatus(HttpStatus.NOT_FOUND)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyText()
			.doesNotContain("5000", "EUR");
		assertThat(missing).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(others.getResponse().getContentAsString().replace(bob, "ID"))
			.isEqualTo(missing.getResponse().getContentAsString().replace(nobody, "ID"));
	}

	@Test
	void refusesADepositForAnotherCustomerWith403AndChangesNoBalance() {
		String bob = newCustomerId();
		assertThat(postDeposit(bob, customer(bob), deposit(5_000, "EUR"))).hasStatusOk();
		String stranger = newCustomerId();
		String alice = customer(newCustomerId());

		assertThat(postDeposit(bob, alice, deposit(1_000))).hasStatus(HttpStatus.FORBIDDEN)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.status")
			.asNumber()
			.isEqualTo(403);
		assertThat(postDeposit(stranger, alice, deposit(1_000, "EUR"))).as("nor opens an account for anyone")
			.hasStatus(HttpStatus.FORBIDDEN);

		assertThat(getAccount(bob, customer(bob))).bodyJson().extractingPath("$.balance").asNumber().isEqualTo(5_000);
		assertThat(depositsOf(bob)).isEqualTo(1);
		assertThat(getAccount(stranger, operator())).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(depositsOf(stranger)).isZero();
	}

	@Test
	void letsOperatorsFundAndReadAnyAccount() {
		String customer = newCustomerId();

		assertThat(postDeposit(customer, operator(), deposit(2_500, "EUR"))).hasStatusOk();
		assertThat(postDeposit(customer, operator(), deposit(500))).hasStatusOk();

		assertThat(getAccount(customer, operator())).hasStatusOk().bodyJson().isStrictlyEqualTo("""
				{"customerId": "%s", "currency": "EUR", "balance": 3000}""".formatted(customer));
		assertThat(getAccount(customer, customer(customer))).hasStatusOk();
	}

	private MvcTestResult getAccount(String customerId, @Nullable String authorization) {
		return authorized(this.mvc.get().uri("/accounts/{customerId}", customerId), authorization).exchange();
	}

	private MvcTestResult postDeposit(String customerId, @Nullable String authorization, String body) {
		return authorized(this.mvc.post().uri("/accounts/{customerId}/deposits", customerId), authorization)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	private static MockMvcRequestBuilder authorized(MockMvcRequestBuilder request, @Nullable String authorization) {
		return (authorization != null) ? request.header(HttpHeaders.AUTHORIZATION, authorization) : request;
	}

	private int depositsOf(String customerId) {
		return this.jdbc.sql("select count(*) from deposits where customer_id = ?")
			.param(customerId)
			.query(Integer.class)
			.single();
	}

}
