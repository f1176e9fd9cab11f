package com.example.orderflow.payment.account;

import java.net.URI;
import java.util.Iterator;
import java.util.UUID;

import com.example.orderflow.payment.PaymentServiceIntegrationTest;
import com.example.orderflow.webproblems.test.HostileValues;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static com.example.orderflow.servicesecurity.test.Bearer.customer;
import static com.example.orderflow.servicesecurity.test.Bearer.operator;
import static com.example.orderflow.payment.account.AccountFixtures.deposit;
import static com.example.orderflow.payment.account.AccountFixtures.newCustomerId;
import static org.assertj.core.api.Assertions.assertThat;

class AccountControllerIntegrationTests extends PaymentServiceIntegrationTest {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void theFirstDepositOpensTheAccountInItsCurrency() {
		String customer = newCustomerId();

		assertThat(postDeposit(customer, deposit(5_000, "EUR"))).hasStatusOk().bodyJson().isStrictlyEqualTo("""
				{"customerId": "%s", "currency": "EUR", "balance": 5000}""".formatted(customer));

		assertThat(getAccount(customer)).hasStatusOk().bodyJson().isStrictlyEqualTo("""
				{"customerId": "%s", "currency": "EUR", "balance": 5000}""".formatted(customer));
		assertThat(depositsOf(customer)).isEqualTo(1);
	}

	@Test
	void laterDepositsAddToTheBalanceWithOrWithoutNamingTheCurrency() {
		String customer = newCustomerId();
		assertThat(postDeposit(customer, deposit(5_000, "EUR"))).hasStatusOk();

		assertThat(postDeposit(customer, deposit(2_500))).hasStatusOk();
		assertThat(postDeposit(customer, deposit(1_000, "EUR"))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.balance")
			.asNumber()
			.isEqualTo(8_500);
		assertThat(depositsOf(customer)).isEqualTo(3);
	}

	@Test
	void aFirstDepositWithoutCurrencyIsABadRequestAndOpensNothing() {
		String customer = newCustomerId();

		assertThat(postDeposit(customer, deposit(5_000))).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.asString()
			.isEqualTo("currency");
		assertThat(getAccount(customer)).hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void aDepositInAnotherCurrencyIsUnprocessableAndChangesNothing() {
		String customer = newCustomerId();
		assertThat(postDeposit(customer, deposit(5_000, "EUR"))).hasStatusOk();

		assertThat(postDeposit(customer, deposit(1_000, "USD"))).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.title")
			.asString()
			.isEqualTo("Currency mismatch");
		assertThat(getAccount(customer)).bodyJson().extractingPath("$.balance").asNumber().isEqualTo(5_000);
		assertThat(depositsOf(customer)).isEqualTo(1);
	}

	@Test
	void aDepositThatWouldPassTheBalanceLimitIsUnprocessable() {
		String customer = newCustomerId();
		assertThat(postDeposit(customer, deposit(Account.MAX_BALANCE, "EUR"))).hasStatusOk();

		assertThat(postDeposit(customer, deposit(1))).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(depositsOf(customer)).isEqualTo(1);
	}

	@Test
	void anUnknownAccountIsA404Problem() {
		assertThat(getAccount(newCustomerId())).hasStatus(HttpStatus.NOT_FOUND)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.title")
			.asString()
			.isEqualTo("Account not found");
	}

	@Test
	void aNegativeAmountIsABadRequestListingTheField() {
		assertThat(postDeposit(newCustomerId(), deposit(-5, "EUR"))).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.asString()
			.isEqualTo("amount");
	}

	/**
	 * Generated hostile input (see {@link HostileValues}): whatever the customer, amount
	 * and currency an operator sends, a deposit is answered 200 or with a 4xx problem,
	 * never a 5xx, and a refused one changes no account and records no deposit.
	 */
	@Test
	void generatedHostileDepositsAreAnsweredWithProblemsAndRefusedOnesChangeNothing() {
		Iterator<String> customers = HostileValues.texts("alice");
		Iterator<String> currencies = HostileValues.texts("EUR", "USD");
		Iterator<String> amounts = HostileValues.numbers();
		for (int i = 0; i < 150; i++) {
			String customer = (i % 2 == 0) ? customers.next() : newCustomerId();
			String body = """
					{"amount": %s, "currency": %s}""".formatted(amounts.next(), HostileValues.json(currencies.next()));
			String before = account(customer);

			MvcTestResult result = this.mvc.post()
				.uri(URI.create("/accounts/" + HostileValues.pathSegment(customer) + "/deposits"))
				.header(HttpHeaders.AUTHORIZATION, operator())
				.contentType(MediaType.APPLICATION_JSON)
				.content(body)
				.exchange();

			if (HostileValues.refusedAsAProblem(result.getResponse().getStatus(), result.getResponse().getContentType(),
					customer + " " + body)) {
				assertThat(account(customer)).as(customer + " " + body).isEqualTo(before);
			}
		}
	}

	/** The same for every read: a hostile id in the path or a filter is a 4xx problem. */
	@Test
	void generatedHostileReadsAreAnsweredWithProblems() {
		Iterator<String> texts = HostileValues.texts("alice", UUID.randomUUID().toString());
		for (int i = 0; i < 150; i++) {
			String path = switch (i % 3) {
				case 0 -> "/accounts/" + HostileValues.pathSegment(texts.next());
				case 1 -> "/payments?orderId=" + HostileValues.queryParam(texts.next());
				default -> "/payments?customerId=" + HostileValues.queryParam(texts.next());
			};

			MvcTestResult result = this.mvc.get()
				.uri(URI.create(path))
				.header(HttpHeaders.AUTHORIZATION, operator())
				.exchange();

			HostileValues.refusedAsAProblem(result.getResponse().getStatus(), result.getResponse().getContentType(),
					path);
		}
	}

	private MvcTestResult postDeposit(String customerId, String body) {
		return this.mvc.post()
			.uri("/accounts/{customerId}/deposits", customerId)
			.header(HttpHeaders.AUTHORIZATION, customer(customerId))
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	private MvcTestResult getAccount(String customerId) {
		return this.mvc.get()
			.uri("/accounts/{customerId}", customerId)
			.header(HttpHeaders.AUTHORIZATION, customer(customerId))
			.exchange();
	}

	/** The account and its deposits as stored, to compare before and after a request. */
	private String account(String customerId) {
		if (customerId.indexOf('\u0000') >= 0) {
			return "none: PostgreSQL cannot hold a NUL";
		}
		return this.jdbc.sql("""
				select coalesce((select to_jsonb(a)::text from accounts a where customer_id = :id), 'none')
				       || ' ' || (select count(*) from deposits where customer_id = :id)""")
			.param("id", customerId)
			.query(String.class)
			.single();
	}

	private int depositsOf(String customerId) {
		return this.jdbc.sql("select count(*) from deposits where customer_id = ?")
			.param(customerId)
			.query(Integer.class)
			.single();
	}

}
