package com.example.orderflow.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The payment provider misbehaving under the whole saga, the services as separate
 * processes: a provider slower than payment-service's time limit, and one whose refunds
 * keep failing. Faults are WireMock stubs scoped to the test's own orders.
 */
class PaymentProviderFaultsIntegrationTests {

	private static final Duration FINISH_WITHIN = Duration.ofSeconds(90);

	private static RunningSystem system;

	private static ShopClient shop;

	@BeforeAll
	static void startServices() {
		system = RunningSystem.start(Duration.ofSeconds(10),
				List.of("--orchestrator.saga.step-retry.max-attempts=2",
						"--orchestrator.saga.step-retry.initial-backoff=200ms"),
				List.of("--resilience4j.timelimiter.instances.payment-provider.timeout-duration=500ms",
						"--resilience4j.retry.instances.payment-provider.wait-duration=50ms",
						"--resilience4j.circuitbreaker.instances.payment-provider.wait-duration-in-open-state=1s"));
		shop = ShopClient.direct(system);
	}

	@AfterAll
	static void stopServices() {
		if (system != null) {
			system.close();
		}
	}

	@AfterEach
	void healProvider() {
		system.provider.resetToDefaultMappings();
	}

	@Test
	void aProviderSlowerThanTheTimeLimitEndsInACompensatedSagaWithNoChargeLeftBehind() {
		String book = ShopClient.uniqueSku("BOOK");
		shop.putProduct(book, 4500, 10);
		String customer = ShopClient.uniqueCustomer("patient");
		shop.deposit(customer, 100_000);
		slowCapturesFor(customer, 2_000);

		UUID orderId = shop.placeOrder(customer, Map.of(book, 2));

		Map<String, Object> order = shop.awaitFinished(orderId, FINISH_WITHIN);
		assertThat(order).containsEntry("status", "REJECTED").containsEntry("reason", "PAYMENT_UNAVAILABLE");
		assertThat(shop.payments(orderId)).singleElement()
			.satisfies((payment) -> assertThat(payment).containsEntry("status", "REFUNDED"));
		// the charge was tried twice by the saga, each time with payment-service's
		// retries,
		// and always under the one key; the provider's refund then undid whatever it may
		// have captured late
		List<LoggedRequest> captures = requestsFor("/v1/charges", orderId);
		assertThat(captures).hasSizeGreaterThanOrEqualTo(2)
			.allSatisfy((request) -> assertThat(request.getHeader("Idempotency-Key")).isEqualTo("charge-" + orderId));
		assertThat(requestsFor("/v1/refunds", orderId)).isNotEmpty()
			.allSatisfy((request) -> assertThat(request.getHeader("Idempotency-Key")).isEqualTo("refund-" + orderId));
		ConsistencyAudit.assertConsistent(shop, List.of(orderId), Map.of(customer, 100_000L), Map.of(book, 10),
				FINISH_WITHIN);
	}

	@Test
	void aRefundThatKeepsFailingParksTheSagaAndTheOperatorRetryCompletesItOnce() {
		String book = ShopClient.uniqueSku("BOOK");
		shop.putProduct(book, 4500, 10);
		String customer = ShopClient.uniqueCustomer("unlucky");
		shop.deposit(customer, 100_000);
		failingCallsFor(customer, "/v1/charges");
		failingCallsFor(customer, "/v1/refunds");

		UUID orderId = shop.placeOrder(customer, Map.of(book, 1));

		Map<String, Object> parked = await().atMost(FINISH_WITHIN)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> shop.saga(orderId), (saga) -> "PARKED".equals(saga.get("state")));
		assertThat(parked).containsEntry("parkedIn", "REFUNDING_PAYMENT");
		assertThat((String) parked.get("parkedReason")).contains("refund");
		assertThat(shop.sagas("PARKED")).extracting((saga) -> saga.get("orderId")).contains(orderId.toString());
		assertThat(shop.order(orderId)).containsEntry("status", "PENDING");
		assertThat(shop.netCharged(orderId)).as("held until the provider refunds").isEqualTo(4500);

		healProvider();
		// the breaker may have opened on the failures: let it go half-open first
		await().pollDelay(Duration.ofMillis(1500)).until(() -> true);
		assertThat(shop.retrySaga(orderId)).isEqualTo(202);

		Map<String, Object> order = shop.awaitFinished(orderId, FINISH_WITHIN);
		assertThat(order).containsEntry("status", "REJECTED").containsEntry("reason", "PAYMENT_UNAVAILABLE");
		int refunds = requestsFor("/v1/refunds", orderId).size();
		assertThat(shop.retrySaga(orderId)).as("a second retry changes nothing").isEqualTo(200);
		assertThat(requestsFor("/v1/refunds", orderId)).hasSize(refunds);
		ConsistencyAudit.assertConsistent(shop, List.of(orderId), Map.of(customer, 100_000L), Map.of(book, 10),
				FINISH_WITHIN);
	}

	private static void slowCapturesFor(String customer, int delayMillis) {
		stub(post(urlEqualTo("/v1/charges")).atPriority(1)
			.withRequestBody(matchingJsonPath("$.customer", equalTo(customer)))
			.willReturn(aResponse().withStatus(201).withBody("{\"id\":\"late\"}").withFixedDelay(delayMillis)));
	}

	private static void failingCallsFor(String customer, String path) {
		stub(post(urlEqualTo(path)).atPriority(1)
			.withRequestBody(matchingJsonPath("$.customer", equalTo(customer)))
			.willReturn(aResponse().withStatus(503)));
	}

	private static StubMapping stub(com.github.tomakehurst.wiremock.client.MappingBuilder mapping) {
		return system.provider.stubFor(mapping);
	}

	private static List<LoggedRequest> requestsFor(String path, UUID orderId) {
		return system.provider.findAll(postRequestedFor(urlEqualTo(path))
			.withRequestBody(matchingJsonPath("$.reference", equalTo(orderId.toString()))));
	}

}
