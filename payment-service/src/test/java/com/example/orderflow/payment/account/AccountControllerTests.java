package com.example.orderflow.payment.account;

import java.sql.SQLException;

import com.example.orderflow.servicesecurity.test.TestIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static com.example.orderflow.servicesecurity.test.Bearer.customer;
import static com.example.orderflow.servicesecurity.test.Bearer.operator;
import static com.example.orderflow.payment.account.AccountFixtures.account;
import static com.example.orderflow.payment.account.AccountFixtures.deposit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;

@WebMvcTest(AccountController.class)
@ExtendWith(OutputCaptureExtension.class)
class AccountControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private AccountService accounts;

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		TestIssuer.register(registry);
	}

	@Test
	void showsAnAccountAsCustomerCurrencyAndBalance() {
		given(this.accounts.get("alice")).willReturn(account("alice", "EUR", 4_500));

		assertThat(this.mvc.get().uri("/accounts/alice").header(HttpHeaders.AUTHORIZATION, customer("alice")))
			.hasStatusOk()
			.bodyJson()
			.isStrictlyEqualTo("""
					{"customerId": "alice", "currency": "EUR", "balance": 4500}""");
	}

	@Test
	void answersAnUnknownAccountWithA404Problem() {
		given(this.accounts.get("nobody")).willThrow(new AccountNotFoundException("nobody"));

		assertThat(this.mvc.get().uri("/accounts/nobody").header(HttpHeaders.AUTHORIZATION, operator()))
			.hasStatus(HttpStatus.NOT_FOUND)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.status")
			.asNumber()
			.isEqualTo(404);
	}

	@Test
	void answersAnotherCustomersAccountAsUnknownWithoutLookingItUp() {
		assertThat(this.mvc.get().uri("/accounts/bob").header(HttpHeaders.AUTHORIZATION, customer("alice")))
			.hasStatus(HttpStatus.NOT_FOUND)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("No account for customer bob");
		then(this.accounts).shouldHaveNoInteractions();
	}

	@Test
	void refusesADepositForAnotherCustomerWithA403ProblemWithoutTouchingTheAccount() {
		assertThat(this.mvc.post()
			.uri("/accounts/bob/deposits")
			.header(HttpHeaders.AUTHORIZATION, customer("alice"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(deposit(100, "EUR"))).hasStatus(HttpStatus.FORBIDDEN)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		then(this.accounts).shouldHaveNoInteractions();
	}

	@Test
	void letsAnOperatorDepositForAnyCustomer() {
		given(this.accounts.deposit("bob", 100, "EUR")).willReturn(account("bob", "EUR", 100));

		assertThat(this.mvc.post()
			.uri("/accounts/bob/deposits")
			.header(HttpHeaders.AUTHORIZATION, operator())
			.contentType(MediaType.APPLICATION_JSON)
			.content(deposit(100, "EUR"))).hasStatusOk();
	}

	@Test
	void answersADepositInAnotherCurrencyWithA422Problem() {
		given(this.accounts.deposit("alice", 100, "USD"))
			.willThrow(new CurrencyMismatchException(account("alice", "EUR", 0), "USD"));

		assertThat(postDeposit("alice", deposit(100, "USD"))).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("EUR");
	}

	@Test
	void listsTheCurrencyAsMissingWhenTheFirstDepositHasNone() {
		given(this.accounts.deposit("carol", 100, null)).willThrow(new CurrencyRequiredException("carol"));

		assertThat(postDeposit("carol", deposit(100))).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("currency");
	}

	@Test
	void rejectsANonPositiveAmountListingTheField() {
		assertThat(postDeposit("alice", deposit(0, "EUR"))).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("amount");
		then(this.accounts).shouldHaveNoInteractions();
	}

	@Test
	void rejectsADepositWithoutAmountAndWithAMalformedCurrencyListingBoth() {
		assertThat(postDeposit("alice", """
				{"currency": "euro"}""")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("amount", "currency");
		then(this.accounts).shouldHaveNoInteractions();
	}

	@Test
	void rejectsAnAmountThatIsNotANumberListingTheField() {
		assertThat(postDeposit("alice", """
				{"amount": "lots", "currency": "EUR"}""")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("amount");
		then(this.accounts).shouldHaveNoInteractions();
	}

	@Test
	void refusesAFractionOfACentInsteadOfCreditingTheWholeCentsBelowIt() {
		for (String amount : new String[] { "1.99", "100.0", "1e2", "\"100\"" }) {
			assertThat(postDeposit("alice", """
					{"amount": %s, "currency": "EUR"}""".formatted(amount))).as(amount)
				.hasStatus(HttpStatus.BAD_REQUEST)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.bodyJson()
				.extractingPath("$.errors[*].field")
				.asArray()
				.containsExactly("amount");
		}
		then(this.accounts).shouldHaveNoInteractions();
	}

	@Test
	void refusesThreeLettersThatAreNoCurrencyOneCanPayIn() {
		for (String currency : new String[] { "ZZZ", "XXX", "XTS", "XAU" }) {
			assertThat(postDeposit("alice", deposit(100, currency))).as(currency)
				.hasStatus(HttpStatus.BAD_REQUEST)
				.bodyJson()
				.isLenientlyEqualTo(
						"""
								{"errors": [{"field": "currency", "message": "must be an ISO 4217 currency code such as EUR"}]}""");
		}
		then(this.accounts).shouldHaveNoInteractions();
	}

	@Test
	void rejectsABodyThatIsNotJson() {
		assertThat(postDeposit("alice", "{\"amount\": ")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("body");
		then(this.accounts).shouldHaveNoInteractions();
	}

	@Test
	void rejectsACustomerIdWithForbiddenCharactersOrOver64Characters() {
		assertThat(this.mvc.get()
			.uri("/accounts/{customerId}", "alice smith")
			.header(HttpHeaders.AUTHORIZATION, operator())).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("customerId");
		assertThat(postDeposit("a".repeat(65), deposit(100, "EUR"))).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("customerId");
		then(this.accounts).shouldHaveNoInteractions();
	}

	@Test
	void acceptsACustomerIdOf64LettersDigitsDotsUnderscoresAndDashes() {
		String customerId = "Alice.Smith_42-" + "x".repeat(49);
		given(this.accounts.get(customerId)).willReturn(account(customerId, "EUR", 0));

		assertThat(this.mvc.get()
			.uri("/accounts/{customerId}", customerId)
			.header(HttpHeaders.AUTHORIZATION, customer(customerId))).hasStatusOk();
	}

	@Test
	void answersA503ProblemWithRetryAfterWhenTheDatabaseIsOutOfReach(CapturedOutput output) {
		given(this.accounts.get("alice"))
			.willThrow(new CannotGetJdbcConnectionException("x", new SQLException("refused", "08001")));

		assertThat(this.mvc.get().uri("/accounts/alice").header(HttpHeaders.AUTHORIZATION, customer("alice")))
			.hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader(HttpHeaders.RETRY_AFTER, "2")
			.bodyJson()
			.extractingPath("$.title")
			.isEqualTo("Temporarily unavailable");
		// one line with the cause, no stack trace (whose first line names the exception)
		assertThat(output).contains("with 503", "refused").doesNotContain("CannotGetJdbcConnectionException");
	}

	@Test
	void answersAnUnexpectedFailureWithA500ProblemThatHidesTheInternals(CapturedOutput output) {
		given(this.accounts.get("alice")).willThrow(new IllegalStateException("secret internals"));

		MvcTestResult result = this.mvc.get()
			.uri("/accounts/alice")
			.header(HttpHeaders.AUTHORIZATION, customer("alice"))
			.exchange();

		assertThat(result).hasStatus(HttpStatus.INTERNAL_SERVER_ERROR)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("The request could not be handled.");
		assertThat(result).body().asString().doesNotContain("secret internals", "IllegalStateException");
		assertThat(output).contains("java.lang.IllegalStateException: secret internals", "\tat ");
	}

	private MvcTestResult postDeposit(String customerId, String body) {
		return this.mvc.post()
			.uri("/accounts/{customerId}/deposits", customerId)
			.header(HttpHeaders.AUTHORIZATION, customer(customerId))
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

}
