package com.example.orderflow.loadtest.chaos.audit;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static com.example.orderflow.loadtest.chaos.audit.AuditFixtures.ALICE;
import static com.example.orderflow.loadtest.chaos.audit.AuditFixtures.APPROVED;
import static com.example.orderflow.loadtest.chaos.audit.AuditFixtures.DECLINED;
import static com.example.orderflow.loadtest.chaos.audit.AuditFixtures.OUT_OF_STOCK;
import static com.example.orderflow.loadtest.chaos.audit.AuditFixtures.SKU;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditor, fed with the services' answers as they would give them after a run: a
 * consistent run passes every check, and each kind of damage fails the checks meant to
 * catch it, and only those.
 */
class AuditorTests {

	@Test
	void passesARunWhereEveryOrderEndedConsistently() {
		Audit audit = audit(AuditFixtures.consistentServices());

		assertThat(audit.passed()).isTrue();
		assertThat(audit.checks()).extracting(Check::name)
			.containsExactly("accepted orders exist", "every order ended or is visibly parked",
					"APPROVED ⇔ one charge of its total and its stock taken",
					"REJECTED ⇔ no net charge and its stock back", "no order charged twice", "money conserved",
					"stock conserved", "outbox drained", "dead letters accounted for");
		assertThat(figure(audit, "every order ended or is visibly parked"))
			.isEqualTo("3 orders: 1 APPROVED, 2 REJECTED {OUT_OF_STOCK=1, PAYMENT_DECLINED=1}, 0 parked, 0 stuck");
		assertThat(figure(audit, "money conserved"))
			.isEqualTo("balances 7000 + net charges 3000 = 10000; deposited 10000");
		assertThat(figure(audit, "stock conserved"))
			.isEqualTo("SKU-A: on hand 98 + approved 2 = 100 of 100, reserved 0");
	}

	@Test
	void catchesAnOrderChargedTwice() {
		// one payment row, as payment-service keeps, but the balance went down twice
		FakeServices services = AuditFixtures.consistentServices().account(ALICE, 4_000);

		Audit audit = audit(services);

		assertThat(failed(audit)).containsExactly("no order charged twice", "money conserved");
		assertThat(check(audit, "no order charged twice").details())
			.containsExactly("customer alice paid 6000 but their payments hold only 3000");
	}

	@Test
	void catchesTwoPaymentsHoldingMoneyForOneOrder() {
		FakeServices services = AuditFixtures.consistentServices()
			.payment(APPROVED, ALICE, 3_000, "CHARGED")
			.account(ALICE, 4_000);

		Audit audit = audit(services);

		assertThat(failed(audit)).contains("no order charged twice",
				"APPROVED ⇔ one charge of its total and its stock taken");
		assertThat(check(audit, "no order charged twice").details()).contains("order " + APPROVED + " has 2 payments");
	}

	@Test
	void catchesLostStock() {
		FakeServices services = AuditFixtures.consistentServices().product(SKU, 97, 0);

		Audit audit = audit(services);

		assertThat(failed(audit)).containsExactly("stock conserved");
		assertThat(check(audit, "stock conserved").details())
			.containsExactly("SKU-A: on hand 97 + approved 2 = 99, started with 100");
	}

	@Test
	void catchesStockStillReservedForARejectedOrder() {
		FakeServices services = AuditFixtures.consistentServices()
			.reservation(DECLINED, "RESERVED", SKU, 1)
			.product(SKU, 98, 1);

		Audit audit = audit(services);

		assertThat(failed(audit)).containsExactly("REJECTED ⇔ no net charge and its stock back", "stock conserved");
		assertThat(check(audit, "stock conserved").details())
			.containsExactly("SKU-A: 1 reserved, but parked sagas hold 0");
	}

	@Test
	void catchesMoneyKeptForARejectedOrder() {
		FakeServices services = AuditFixtures.consistentServices()
			.payment(OUT_OF_STOCK, ALICE, 1_000, "CHARGED")
			.account(ALICE, 6_000);

		Audit audit = audit(services);

		assertThat(failed(audit)).containsExactly("APPROVED ⇔ one charge of its total and its stock taken",
				"REJECTED ⇔ no net charge and its stock back");
		assertThat(check(audit, "REJECTED ⇔ no net charge and its stock back").details()).containsExactly("order "
				+ OUT_OF_STOCK + " REJECTED (OUT_OF_STOCK) but 1000 of the customer's money is held or charged");
	}

	@Test
	void catchesAnApprovedOrderWhoseStockWasNeverTaken() {
		FakeServices services = AuditFixtures.consistentServices()
			.reservation(APPROVED, "RELEASED", SKU, 2)
			.product(SKU, 100, 0);

		Audit audit = audit(services);

		assertThat(failed(audit)).containsExactly("APPROVED ⇔ one charge of its total and its stock taken",
				"stock conserved");
	}

	@Test
	void catchesAnApprovedOrderChargedTheWrongAmount() {
		FakeServices services = AuditFixtures.consistentServices()
			.order(APPROVED, ALICE, "APPROVED", null, 3_500L, SKU, 2);

		Audit audit = audit(services);

		assertThat(check(audit, "APPROVED ⇔ one charge of its total and its stock taken").details())
			.containsExactly("order " + APPROVED + " APPROVED for 3500 but its payment is CHARGED of 3000");
	}

	@Test
	void failsAnOrderLeftPendingButAcceptsOneVisiblyParkedWithItsHeldStock() {
		String stuck = "00000000-0000-0000-0000-000000000004";
		String parked = "00000000-0000-0000-0000-000000000005";
		FakeServices services = AuditFixtures.consistentServices()
			.order(stuck, ALICE, "PENDING", null, null, SKU, 1)
			.order(parked, ALICE, "PENDING", null, 1_500L, SKU, 1)
			.payment(parked, ALICE, 1_500, "REFUND_FAILED")
			.reservation(parked, "RESERVED", SKU, 1)
			.parked(parked, "REFUNDING_PAYMENT", "the provider refused the refund")
			.account(ALICE, 5_500)
			.product(SKU, 98, 1);

		Audit audit = audit(services, Set.of(APPROVED, OUT_OF_STOCK, DECLINED, stuck, parked));

		assertThat(failed(audit)).containsExactly("every order ended or is visibly parked");
		assertThat(check(audit, "every order ended or is visibly parked").details()).containsExactly(
				"order " + stuck + " still PENDING and its saga is not parked",
				"order " + parked + " parked in REFUNDING_PAYMENT: the provider refused the refund");
	}

	@Test
	void catchesAnAcceptedOrderThatOrderServiceLost() {
		String lost = "00000000-0000-0000-0000-000000000009";

		Audit audit = audit(AuditFixtures.consistentServices(), Set.of(APPROVED, OUT_OF_STOCK, DECLINED, lost));

		assertThat(failed(audit)).containsExactly("accepted orders exist");
	}

	@Test
	void auditsOrdersPlacedWithoutTheClientHearingBack() {
		Audit audit = audit(AuditFixtures.consistentServices(), Set.of(APPROVED));

		assertThat(audit.passed()).isTrue();
		assertThat(figure(audit, "accepted orders exist")).isEqualTo(
				"1 accepted by the gateway, 0 of them lost; 2 more placed without a 202 reaching the client (audited too)");
	}

	@Test
	void failsAnOutboxNotDrained() {
		FakeServices services = AuditFixtures.consistentServices().metrics("payment-service", 3, 0);

		Audit audit = audit(services);

		assertThat(failed(audit)).containsExactly("outbox drained");
		assertThat(figure(audit, "outbox drained")).contains("payment-service 3");
	}

	@Test
	void failsAnOutboxWhoseBacklogWasNeverCounted() {
		FakeServices services = AuditFixtures.consistentServices().metrics("order-service", Double.NaN, 0);

		assertThat(failed(audit(services))).containsExactly("outbox drained");
	}

	@Test
	void failsOnAnyDeadLetterAndOnADeadLetterCounterThatMoved() {
		DeadLetter letter = new DeadLetter("payment.commands.dlt", APPROVED, "permanent", "UndecodableMessageException",
				"payment.commands", "payment-service");
		StateReader reader = new StateReader(AuditFixtures.consistentServices(), FakeServices.ENDPOINTS);
		SystemState state = reader.read(List.of(ALICE), List.of(SKU));

		Audit withLetter = Auditor.audit(AuditFixtures.facts(), state, List.of(letter));
		Audit counterMoved = Auditor.audit(AuditFixtures.facts(),
				new StateReader(AuditFixtures.consistentServices().metrics("inventory-service", 0, 2),
						FakeServices.ENDPOINTS)
					.read(List.of(ALICE), List.of(SKU)),
				List.of());
		Audit counterReset = Auditor.audit(new Auditor.Facts(Map.of(ALICE, 10_000L), Map.of(SKU, 100),
				Set.of(APPROVED, OUT_OF_STOCK, DECLINED), Map.of("payment-service", 4.0)), state, List.of());

		assertThat(failed(withLetter)).containsExactly("dead letters accounted for");
		assertThat(check(withLetter, "dead letters accounted for").details())
			.containsExactly("payment.commands.dlt: order " + APPROVED
					+ " parked by payment-service for permanent (UndecodableMessageException)");
		assertThat(failed(counterMoved)).containsExactly("dead letters accounted for");
		assertThat(counterReset.passed()).as("a restarted service counts from 0 again").isTrue();
	}

	private static Audit audit(FakeServices services) {
		return audit(services, AuditFixtures.facts().accepted());
	}

	private static Audit audit(FakeServices services, Set<String> accepted) {
		SystemState state = new StateReader(services, FakeServices.ENDPOINTS).read(List.of(ALICE), List.of(SKU));
		Auditor.Facts facts = AuditFixtures.facts();
		return Auditor.audit(new Auditor.Facts(facts.deposits(), facts.startingStock(), accepted, Map.of()), state,
				List.of());
	}

	private static List<String> failed(Audit audit) {
		return audit.checks().stream().filter((check) -> !check.passed()).map(Check::name).toList();
	}

	private static Check check(Audit audit, String name) {
		return audit.checks().stream().filter((check) -> check.name().equals(name)).findFirst().orElseThrow();
	}

	private static String figure(Audit audit, String name) {
		return check(audit, name).figure();
	}

}
