package com.example.orderflow.payment.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.example.orderflow.contracts.Topics;
import com.example.orderflow.messaging.BatchWorker;
import com.example.orderflow.messaging.Outbox;
import com.example.orderflow.messaging.MessagePrincipal;
import com.example.orderflow.messaging.Tracing;
import com.example.orderflow.messaging.WorkSignal;
import com.example.orderflow.payment.account.AccountRepository;
import com.example.orderflow.payment.payment.PaymentRepository.Claimed;
import com.example.orderflow.payment.payment.PaymentRepository.Due;
import com.example.orderflow.payment.provider.PaymentProvider;
import com.example.orderflow.payment.provider.ProviderOutcome;
import com.example.orderflow.payment.provider.ProviderRequest;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles held payments with the provider, outside any database transaction: leases a
 * batch of due captures and refunds, sends them all at once (the provider's bulkhead
 * bounds how many are in flight), then locks them all with one statement and records
 * every outcome and its reply to the saga in one transaction.
 *
 * <p>
 * A crash between the calls and the record leaves the lease to expire; the next round
 * calls again under the same idempotency key, so the provider applies each once.
 */
@Component
class SettlementWorker extends BatchWorker {

	private static final Logger log = LoggerFactory.getLogger(SettlementWorker.class);

	private final PaymentRepository payments;

	private final AccountRepository accounts;

	private final PaymentProvider provider;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final SettlementProperties properties;

	SettlementWorker(PaymentRepository payments, AccountRepository accounts, PaymentProvider provider, Outbox outbox,
			TransactionTemplate transactions, SettlementProperties properties) {
		// a round in progress may take as long as a lease to finish
		super("settlement-worker", new WorkSignal(), properties.lease());
		this.payments = payments;
		this.accounts = accounts;
		this.provider = provider;
		this.outbox = outbox;
		this.transactions = transactions;
		this.properties = properties;
	}

	@Override
	protected int runRound() {
		return settleDue();
	}

	@Override
	protected int batchSize() {
		return this.properties.batch();
	}

	@Override
	protected Duration pollInterval() {
		return this.properties.pollInterval();
	}

	/**
	 * One round: lease, call, record. Each payment's settlement is a span in the trace of
	 * the command that made it due, from the provider call to the recorded reply.
	 */
	int settleDue() {
		List<Claimed> due = this.transactions
			.execute((status) -> this.payments.claimDue(this.properties.batch(), this.properties.lease()));
		if (due == null || due.isEmpty()) {
			return 0;
		}
		List<Span> spans = new ArrayList<>(due.size());
		List<CompletableFuture<ProviderOutcome>> calls = new ArrayList<>(due.size());
		try {
			for (Claimed claimed : due) {
				Span span = settlementSpan(claimed);
				spans.add(span);
				try (Scope scope = span.makeCurrent()) {
					calls.add(call(claimed.payment()));
				}
			}
			CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
			this.transactions.executeWithoutResult((status) -> {
				Map<UUID, Payment> current = this.payments
					.findAllForUpdate(due.stream().map((claimed) -> claimed.payment().orderId()).toList());
				for (int i = 0; i < due.size(); i++) {
					Payment leased = due.get(i).payment();
					CompletableFuture<ProviderOutcome> outcome = calls.get(i);
					// the reply carries who the command was for, as a handler's would
					try (Scope scope = spans.get(i).makeCurrent()) {
						MessagePrincipal.runAs(due.get(i).principal(), () -> record(leased,
								Optional.ofNullable(current.get(leased.orderId())), outcome.join()));
					}
				}
			});
			return due.size();
		}
		catch (RuntimeException ex) {
			spans.forEach((span) -> Tracing.failed(span, ex));
			throw ex;
		}
		finally {
			spans.forEach(Span::end);
		}
	}

	private CompletableFuture<ProviderOutcome> call(Payment payment) {
		ProviderRequest request = new ProviderRequest(payment.orderId(), payment.customerId(), payment.amount());
		return (payment.status() == PaymentStatus.CAPTURING) ? this.provider.capture(request)
				: this.provider.refund(request);
	}

	private static Span settlementSpan(Claimed claimed) {
		Payment payment = claimed.payment();
		Span span = Tracing.startSpan(
				(payment.status() == PaymentStatus.CAPTURING) ? "settle capture" : "settle refund", SpanKind.INTERNAL,
				claimed.traceParent());
		span.setAttribute(Tracing.ORDER_ID, payment.orderId().toString());
		span.setAttribute(Tracing.SAGA_ID, payment.sagaId().toString());
		return span;
	}

	/**
	 * @param current the payment as it is now, locked: a command may have moved it since
	 * the lease
	 */
	private void record(Payment leased, Optional<Payment> current, ProviderOutcome outcome) {
		if (current.isEmpty() || current.get().status() != leased.status()) {
			// a refund came in while capturing: it goes to the provider now that the
			// capture is settled, whatever its outcome
			current.filter((payment) -> payment.status() == PaymentStatus.REFUNDING)
				.ifPresent((payment) -> this.payments.update(payment, Due.NOW));
			return;
		}
		Instant now = Instant.now();
		// the leased row, not the current one: the lease marked the capture as
		// reaching the provider, but only the outcome knows whether it did
		Payment settled = (leased.status() == PaymentStatus.CAPTURING) ? captureSettled(leased, outcome, now)
				: refundSettled(leased, outcome, now);
		if (!settled.status().holdsFunds()) {
			this.accounts.credit(settled.customerId(), settled.amount());
		}
		this.payments.update(settled, Due.NONE);
		this.outbox.add(Topics.PAYMENT_EVENTS, settled.settledReply(now));
		if (outcome instanceof ProviderOutcome.Unavailable unavailable) {
			log.warn("Payment provider call for order {} failed: {}", leased.orderId(), unavailable.reason());
		}
	}

	private static Payment captureSettled(Payment payment, ProviderOutcome outcome, Instant now) {
		return switch (outcome) {
			case ProviderOutcome.Done done -> payment.captured(now);
			case ProviderOutcome.Refused refused -> payment.captureRefused(now);
			case ProviderOutcome.Unavailable unavailable ->
				payment.captureFailed(unavailable.reason(), unavailable.reachedProvider(), now);
		};
	}

	private static Payment refundSettled(Payment payment, ProviderOutcome outcome, Instant now) {
		return switch (outcome) {
			case ProviderOutcome.Done done -> payment.refunded(now);
			case ProviderOutcome.Refused refused -> payment.refundFailed(refused.detail(), now);
			case ProviderOutcome.Unavailable unavailable -> payment.refundFailed(unavailable.reason(), now);
		};
	}

}
