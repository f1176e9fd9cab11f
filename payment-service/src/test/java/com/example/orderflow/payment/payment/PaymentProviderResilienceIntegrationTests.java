package com.example.orderflow.payment.payment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.example.orderflow.contracts.Money;
import com.example.orderflow.contracts.PaymentCommand.ChargePayment;
import com.example.orderflow.contracts.PaymentCommand.RefundPayment;
import com.example.orderflow.contracts.PaymentEvent.PaymentCharged;
import com.example.orderflow.contracts.PaymentEvent.PaymentDeclined;
import com.example.orderflow.contracts.PaymentEvent.PaymentFailed;
import com.example.orderflow.contracts.PaymentEvent.PaymentRefunded;
import com.example.orderflow.contracts.PaymentEvent.RefundFailed;
import com.example.orderflow.contracts.Topics;
import com.example.orderflow.messaging.test.KafkaProbe;
import com.example.orderflow.messaging.test.TestKafka;
import com.example.orderflow.servicesecurity.test.Bearer;
import com.example.orderflow.payment.PaymentServiceIntegrationTest;
import com.example.orderflow.payment.TestPaymentProvider;
import com.example.orderflow.payment.provider.PaymentProvider;
import com.example.orderflow.payment.provider.ProviderOutcome;
import com.example.orderflow.payment.provider.ProviderRequest;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static com.example.orderflow.payment.payment.PaymentFixtures.charge;
import static com.example.orderflow.payment.payment.PaymentFixtures.openAccount;
import static com.example.orderflow.payment.payment.PaymentFixtures.refund;
import static com.example.orderflow.payment.payment.PaymentFixtures.resend;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payment provider misbehaving, as the WireMock provider's faults make it: each test
 * shows what a resilience pattern does about it, end to end from the charge command to
 * the reply and the balance. Faults are scoped to the test's own orders where possible.
 */
class PaymentProviderResilienceIntegrationTests extends PaymentServiceIntegrationTest {

	private static KafkaProbe probe;

	private final WireMockServer provider = TestPaymentProvider.server();

	private final List<StubMapping> faults = new ArrayList<>();

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PaymentProvider paymentProvider;

	@Autowired
	private CircuitBreakerRegistry circuitBreakers;

	@Autowired
	private MockMvcTester mvc;

	private PaymentLedger ledger;

	private CircuitBreaker breaker;

	@BeforeAll
	static void openProbe() {
		probe = new KafkaProbe(TestKafka.bootstrapServers(), Topics.PAYMENT_EVENTS);
	}

	@AfterAll
	static void closeProbe() {
		probe.close();
	}

	@BeforeEach
	void setUp() {
		this.ledger = new PaymentLedger(probe, this.jdbc);
		this.breaker = this.circuitBreakers.circuitBreaker("payment-provider");
		this.breaker.reset();
	}

	@AfterEach
	void healProvider() {
		this.faults.forEach(this.provider::removeStub);
		this.breaker.reset();
	}

	@Test
	void theBreakerOpensAfterFailuresTurnsChargesAwayWithoutCallingTheProviderAndClosesOnceItRecovers()
			throws Exception {
		fault(post(urlEqualTo("/v1/charges")).atPriority(1).willReturn(aResponse().withStatus(503)));

		// two captures of three attempts each: the sixth failure opens the breaker
		captureDirectly(UUID.randomUUID());
		captureDirectly(UUID.randomUUID());
		assertThat(this.breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		int reachedProvider = this.provider.findAll(postRequestedFor(urlEqualTo("/v1/charges"))).size();
		assertThat(captureDirectly(UUID.randomUUID())).isInstanceOfSatisfying(ProviderOutcome.Unavailable.class,
				(outcome) -> assertThat(outcome.reachedProvider()).isFalse());
		assertThat(this.provider.findAll(postRequestedFor(urlEqualTo("/v1/charges")))).hasSize(reachedProvider);
		assertThat(this.breaker.getMetrics().getNumberOfNotPermittedCalls()).isPositive();

		String customer = openAccount(this.jdbc, "EUR", 10_000);
		ChargePayment charge = charge(customer, 2_500);
		this.ledger.send(charge);
		assertThat(this.ledger.awaitReply(charge.orderId(), PaymentFailed.class).reason())
			.contains("circuit breaker is open");
		assertThat(requestsFor("/v1/charges", charge.orderId())).isEmpty();
		assertThat(this.ledger.statusOf(charge.orderId())).isEqualTo("CAPTURE_FAILED");
		assertThat(this.ledger.balanceOf(customer)).as("held until the saga decides").isEqualTo(7_500);

		// nothing can be captured at the provider, so the refund needs no provider call
		this.ledger.send(refund(charge));
		assertThat(this.ledger.awaitReply(charge.orderId(), PaymentRefunded.class).refunded())
			.isEqualTo(new Money(2_500, "EUR"));
		assertThat(requestsFor("/v1/refunds", charge.orderId())).isEmpty();
		assertThat(this.ledger.balanceOf(customer)).isEqualTo(10_000);

		healProvider();
		this.breaker.transitionToOpenState();
		awaitState(CircuitBreaker.State.HALF_OPEN);
		for (int i = 0; i < 3; i++) {
			assertThat(captureDirectly(UUID.randomUUID())).isInstanceOf(ProviderOutcome.Done.class);
		}
		assertThat(this.breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		ChargePayment after = charge(customer, 1_000);
		this.ledger.send(after);
		assertThat(this.ledger.awaitReply(after.orderId(), PaymentCharged.class).amount())
			.isEqualTo(new Money(1_000, "EUR"));
		this.ledger.assertMoneyConserved(customer);
	}

	@Test
	void retriesAreBoundedBackOffAndReuseOneIdempotencyKeySoTheCustomerIsChargedOnce() {
		String customer = openAccount(this.jdbc, "EUR", 10_000);
		ChargePayment charge = charge(customer, 2_500);
		fault(post(urlEqualTo("/v1/charges")).atPriority(1)
			.withRequestBody(matchingJsonPath("$.reference", equalTo(charge.orderId().toString())))
			.willReturn(aResponse().withStatus(503)));

		this.ledger.send(charge);

		assertThat(this.ledger.awaitReply(charge.orderId(), PaymentFailed.class).reason()).contains("503")
			.contains("3 attempt(s)");
		List<LoggedRequest> attempts = requestsFor("/v1/charges", charge.orderId());
		assertThat(attempts).hasSize(3);
		// exponential backoff from 100 ms, randomized by half: at least 50 ms, then 100
		// ms
		assertThat(gapMillis(attempts.get(0), attempts.get(1))).isGreaterThanOrEqualTo(50);
		assertThat(gapMillis(attempts.get(1), attempts.get(2))).isGreaterThanOrEqualTo(100);

		healProvider();
		this.ledger.send(resend(charge));

		assertThat(this.ledger.awaitReply(charge.orderId(), PaymentCharged.class).amount())
			.isEqualTo(new Money(2_500, "EUR"));
		assertThat(requestsFor("/v1/charges", charge.orderId())).hasSize(4)
			.allSatisfy((request) -> assertThat(request.getHeader("Idempotency-Key"))
				.isEqualTo("charge-" + charge.orderId()));
		assertThat(this.ledger.balanceOf(customer)).isEqualTo(7_500);
		assertThat(this.ledger.statusOf(charge.orderId())).isEqualTo("CHARGED");
		this.ledger.assertMoneyConserved(customer);
	}

	@Test
	void aProviderSlowerThanTheTimeLimitFailsTheChargeAndTheRefundLeavesNoChargeBehind() {
		String customer = openAccount(this.jdbc, "EUR", 10_000);
		ChargePayment charge = charge(customer, 2_500);
		fault(post(urlEqualTo("/v1/charges")).atPriority(1)
			.withRequestBody(matchingJsonPath("$.reference", equalTo(charge.orderId().toString())))
			.willReturn(aResponse().withStatus(201).withBody("{\"id\":\"late\"}").withFixedDelay(2_500)));

		this.ledger.send(charge);

		assertThat(this.ledger.awaitReply(charge.orderId(), PaymentFailed.class).reason())
			.contains("did not answer within");
		assertThat(this.ledger.statusOf(charge.orderId())).isEqualTo("CAPTURE_FAILED");

		// the provider may have captured it late: only its refund proves nothing stays
		// there
		RefundPayment refund = refund(charge);
		this.ledger.send(refund);

		assertThat(this.ledger.awaitReply(charge.orderId(), PaymentRefunded.class).refunded())
			.isEqualTo(new Money(2_500, "EUR"));
		assertThat(requestsFor("/v1/refunds", charge.orderId())).hasSize(1)
			.allSatisfy((request) -> assertThat(request.getHeader("Idempotency-Key"))
				.isEqualTo("refund-" + charge.orderId()));
		assertThat(this.ledger.balanceOf(customer)).isEqualTo(10_000);
		assertThat(this.ledger.statusOf(charge.orderId())).isEqualTo("REFUNDED");
		this.ledger.assertMoneyConserved(customer);
	}

	@Test
	void aRefundTheProviderKeepsFailingIsReportedHoldsTheMoneyAndCompletesOnceWhenResentAfterRecovery() {
		String customer = openAccount(this.jdbc, "EUR", 10_000);
		ChargePayment charge = charge(customer, 2_500);
		this.ledger.send(charge);
		this.ledger.awaitReply(charge.orderId(), PaymentCharged.class);
		fault(post(urlEqualTo("/v1/refunds")).atPriority(1)
			.withRequestBody(matchingJsonPath("$.reference", equalTo(charge.orderId().toString())))
			.willReturn(aResponse().withStatus(503)));
		RefundPayment refund = refund(charge);

		this.ledger.send(refund);

		assertThat(this.ledger.awaitReply(charge.orderId(), RefundFailed.class).reason()).contains("503");
		assertThat(this.ledger.statusOf(charge.orderId())).isEqualTo("REFUND_FAILED");
		assertThat(this.ledger.balanceOf(customer)).isEqualTo(7_500);

		healProvider();
		this.ledger.send(resend(refund));
		assertThat(this.ledger.awaitReply(charge.orderId(), PaymentRefunded.class).refunded())
			.isEqualTo(new Money(2_500, "EUR"));
		this.ledger.send(resend(refund));

		assertThat(this.ledger.awaitReplies(charge.orderId(), 4).get(3)).isInstanceOf(PaymentRefunded.class);
		assertThat(this.ledger.repliesAfterQuiet(charge.orderId())).hasSize(4);
		assertThat(this.ledger.balanceOf(customer)).isEqualTo(10_000);
		assertThat(requestsFor("/v1/refunds", charge.orderId())).allSatisfy(
				(request) -> assertThat(request.getHeader("Idempotency-Key")).isEqualTo("refund-" + charge.orderId()));
		this.ledger.assertMoneyConserved(customer);
	}

	@Test
	void aCaptureTheProviderRefusesIsDeclinedOnceAndDoesNotCountAgainstItsHealth() {
		String customer = openAccount(this.jdbc, "EUR", 10_000);
		ChargePayment charge = charge(customer, 2_500);
		fault(post(urlEqualTo("/v1/charges")).atPriority(1)
			.withRequestBody(matchingJsonPath("$.reference", equalTo(charge.orderId().toString())))
			.willReturn(aResponse().withStatus(402).withBody("{\"error\":\"card declined\"}")));

		this.ledger.send(charge);

		assertThat(this.ledger.awaitReply(charge.orderId(), PaymentDeclined.class).reason())
			.isEqualTo("PROVIDER_REFUSED");
		assertThat(requestsFor("/v1/charges", charge.orderId())).as("not retried").hasSize(1);
		assertThat(this.ledger.balanceOf(customer)).isEqualTo(10_000);
		assertThat(this.breaker.getMetrics().getNumberOfFailedCalls()).isZero();
	}

	@Test
	void theBulkheadTurnsAwayCallsBeyondItsLimitWhileTheApiKeepsServing() throws Exception {
		String slowCustomer = "bulkhead-" + UUID.randomUUID();
		fault(post(urlEqualTo("/v1/charges")).atPriority(1)
			.withRequestBody(matchingJsonPath("$.customer", equalTo(slowCustomer)))
			.willReturn(aResponse().withStatus(201).withBody("{\"id\":\"slow\"}").withFixedDelay(300)));
		String customer = openAccount(this.jdbc, "EUR", 10_000);

		ExecutorService threads = Executors.newFixedThreadPool(8);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<ProviderOutcome>> outcomes = new ArrayList<>();
		try {
			for (int i = 0; i < 8; i++) {
				outcomes.add(threads.submit(() -> {
					start.await();
					return this.paymentProvider
						.capture(new ProviderRequest(UUID.randomUUID(), slowCustomer, new Money(100, "EUR")))
						.get(10, TimeUnit.SECONDS);
				}));
			}
			start.countDown();
			// while the provider's permits are taken, the service's own API answers
			assertThat(this.mvc.get()
				.uri("/accounts/{customerId}", customer)
				.header(HttpHeaders.AUTHORIZATION, Bearer.customer(customer))).hasStatusOk();
			List<ProviderOutcome> results = new ArrayList<>();
			for (Future<ProviderOutcome> outcome : outcomes) {
				results.add(outcome.get(10, TimeUnit.SECONDS));
			}
			assertThat(results).as("%s", results).filteredOn(ProviderOutcome.Done.class::isInstance).hasSize(4);
			assertThat(results).filteredOn(ProviderOutcome.Unavailable.class::isInstance)
				.hasSize(4)
				.allSatisfy((result) -> {
					ProviderOutcome.Unavailable unavailable = (ProviderOutcome.Unavailable) result;
					assertThat(unavailable.reason()).contains("too many calls");
					assertThat(unavailable.reachedProvider()).isFalse();
				});
			assertThat(this.provider.findAll(postRequestedFor(urlEqualTo("/v1/charges"))
				.withRequestBody(matchingJsonPath("$.customer", equalTo(slowCustomer))))).hasSize(4);
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void exposesTheResilienceStateOnActuatorAndAsPrometheusMetrics() throws Exception {
		captureDirectly(UUID.randomUUID());

		assertThat(this.mvc.get().uri("/actuator/circuitbreakers").header(HttpHeaders.AUTHORIZATION, Bearer.operator()))
			.hasStatusOk()
			.bodyJson()
			.extractingPath("$.circuitBreakers.payment-provider.state")
			.isEqualTo("CLOSED");
		assertThat(this.mvc.get().uri("/actuator/prometheus")).hasStatusOk()
			.bodyText()
			.contains("resilience4j_circuitbreaker_state{")
			.contains("name=\"payment-provider\"")
			.contains("resilience4j_retry_calls")
			.contains("resilience4j_bulkhead_available_concurrent_calls")
			.contains("resilience4j_timelimiter_calls");
	}

	private ProviderOutcome captureDirectly(UUID orderId) throws Exception {
		CompletableFuture<ProviderOutcome> outcome = this.paymentProvider
			.capture(new ProviderRequest(orderId, "resilience-" + orderId, new Money(100, "EUR")));
		return outcome.get(10, TimeUnit.SECONDS);
	}

	private void fault(com.github.tomakehurst.wiremock.client.MappingBuilder stub) {
		this.faults.add(this.provider.stubFor(stub));
	}

	private List<LoggedRequest> requestsFor(String path, UUID orderId) {
		return this.provider
			.findAll(postRequestedFor(urlEqualTo(path))
				.withRequestBody(matchingJsonPath("$.reference", equalTo(orderId.toString()))))
			.stream()
			.sorted((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()))
			.toList();
	}

	private static long gapMillis(LoggedRequest earlier, LoggedRequest later) {
		return later.getLoggedDate().getTime() - earlier.getLoggedDate().getTime();
	}

	private void awaitState(CircuitBreaker.State state) throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(10);
		while (this.breaker.getState() != state) {
			assertThat(Instant.now()).as("breaker %s", state).isBefore(deadline);
			Thread.sleep(50);
		}
	}

}
