package com.example.orderflow.loadtest.chaos.audit;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static com.example.orderflow.loadtest.chaos.audit.AuditFixtures.ALICE;
import static com.example.orderflow.loadtest.chaos.audit.AuditFixtures.APPROVED;
import static com.example.orderflow.loadtest.chaos.audit.AuditFixtures.DECLINED;
import static com.example.orderflow.loadtest.chaos.audit.AuditFixtures.SKU;
import static org.assertj.core.api.Assertions.assertThat;

class ProviderLedgerTests {

	private static final String MARK = "/__orderflow-chaos/run1/start";

	/** Approved and charged; rejected for payment, declined before any capture. */
	private final SystemState state = new StateReader(AuditFixtures.consistentServices(), FakeServices.ENDPOINTS)
		.read(List.of(ALICE), List.of(SKU));

	@Test
	void passesWhenTheProviderHoldsExactlyTheChargedOrders() {
		Check check = ProviderLedger.check(journal(capture(APPROVED, 201)), MARK, this.state);

		assertThat(check.passed()).as(check.figure()).isTrue();
		assertThat(check.figure()).contains("holds a capture for 1");
	}

	@Test
	void aCaptureTheServiceGaveUpOnMustHaveBeenRefunded() {
		// newest first, as WireMock lists them: the late capture, then its refund
		Check kept = ProviderLedger.check(journal(capture(APPROVED, 201), capture(DECLINED, 201)), MARK, this.state);
		Check refunded = ProviderLedger
			.check(journal(refund(DECLINED, 201), capture(APPROVED, 201), capture(DECLINED, 201)), MARK, this.state);

		assertThat(kept.passed()).isFalse();
		assertThat(kept.details())
			.containsExactly("order " + DECLINED + ": the provider holds a capture, payment-service says DECLINED");
		assertThat(refunded.passed()).as(refunded.figure()).isTrue();
		assertThat(refunded.figure()).contains("1 captures refunded");
	}

	@Test
	void aChargeTheProviderNeverCapturedFails() {
		Check faulted = ProviderLedger.check(journal("""
				{"request": {"url": "/v1/charges", "headers": {"Idempotency-Key": "charge-%s"}},
				 "responseDefinition": {"status": 201, "fault": "CONNECTION_RESET_BY_PEER"}}""".formatted(APPROVED)),
				MARK, this.state);
		Check refused = ProviderLedger.check(journal(capture(APPROVED, 503)), MARK, this.state);

		assertThat(faulted.passed()).isFalse();
		assertThat(faulted.details())
			.containsExactly("order " + APPROVED + ": the provider holds nothing, payment-service says CHARGED");
		assertThat(refused.passed()).isFalse();
	}

	@Test
	void onlyTheDrillsOwnRequestsCount() {
		String journal = """
				{"requests": [%s, {"request": {"url": "%s", "headers": {}}, "responseDefinition": {"status": 404}},
				 %s]}""".formatted(capture(APPROVED, 201), MARK, capture(DECLINED, 201));

		assertThat(ProviderLedger.check(journal, MARK, this.state).passed()).isTrue();
	}

	@Test
	void aJournalThatLostTheDrillsStartCannotPass() {
		Check check = ProviderLedger.check("""
				{"requests": [%s]}""".formatted(capture(APPROVED, 201)), MARK, this.state);

		assertThat(check.passed()).isFalse();
		assertThat(check.figure()).contains("no longer holds the drill's start");
	}

	private static String journal(String... newestFirst) {
		List<String> requests = new ArrayList<>(List.of(newestFirst));
		requests.add("""
				{"request": {"url": "%s", "headers": {"User-Agent": "Java-http-client"}},
				 "responseDefinition": {"status": 404}}""".formatted(MARK));
		return "{\"requests\": [" + String.join(",", requests) + "], \"requestJournalDisabled\": false}";
	}

	private static String capture(String orderId, int status) {
		return served("/v1/charges", "charge-" + orderId, status);
	}

	private static String refund(String orderId, int status) {
		return served("/v1/refunds", "refund-" + orderId, status);
	}

	private static String served(String url, String key, int status) {
		return """
				{"request": {"url": "%s", "headers": {"Idempotency-Key": "%s"}},
				 "responseDefinition": {"status": %d}}""".formatted(url, key, status);
	}

}
