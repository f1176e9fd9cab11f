package com.example.orderflow.loadtest.chaos.audit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.example.orderflow.loadtest.chaos.audit.SystemState.Payment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The other side of every charge: what the payment provider itself captured and refunded
 * for the drill's orders, from its request journal (WireMock's admin API). Money the
 * provider keeps for an order must be money payment-service says it charged; a capture
 * the service gave up on (it answered too late, the connection reset) but the provider
 * took must have been refunded. The balances the other checks reconcile are
 * payment-service's own book; this reconciles that book with the provider's.
 */
public final class ProviderLedger {

	static final String NAME = "provider holds money only for charged orders";

	/** More than any journal keeps: the answer is the whole journal, newest first. */
	private static final int WHOLE_JOURNAL = 1_000_000;

	/**
	 * Statuses that say where the money is only once the provider has been asked again.
	 */
	private static final Set<String> UNDECIDED = Set.of("CAPTURING", "CAPTURE_FAILED", "REFUNDING", "REFUND_FAILED");

	private static final JsonMapper json = JsonMapper.builder().build();

	private ProviderLedger() {
	}

	/**
	 * Leaves a mark in the provider's journal where the drill begins: a request no stub
	 * answers. Finding it again later proves the journal kept everything since, however
	 * small it is.
	 * @return the mark's path, or null when the provider cannot be reached (a deployment
	 * without the stand-in provider): then there is no journal to reconcile with
	 */
	public static String markStart(Api api, String provider, String drillId) {
		String mark = "/__orderflow-chaos/" + drillId + "/start";
		try {
			api.get(provider + mark);
			return mark;
		}
		catch (IllegalStateException ex) {
			return null;
		}
	}

	/**
	 * @param provider the provider's base URL, e.g. {@code http://127.0.0.1:8089}
	 * @param mark what {@link #markStart} returned
	 */
	public static Check audit(Api api, String provider, String mark, SystemState state) {
		return check(api.get(provider + "/__admin/requests?limit=" + WHOLE_JOURNAL), mark, state);
	}

	static Check check(String journal, String mark, SystemState state) {
		JsonNode root = json.readTree(journal);
		if (root.path("requestJournalDisabled").asBoolean(false)) {
			return new Check(NAME, false, "the provider's request journal is disabled: nothing to reconcile with",
					List.of());
		}
		List<JsonNode> sinceMark = new ArrayList<>();
		boolean markFound = false;
		for (JsonNode served : root.path("requests")) {
			if (mark.equals(served.path("request").path("url").asString())) {
				markFound = true;
				break;
			}
			sinceMark.add(served);
		}
		if (!markFound) {
			return new Check(NAME, false,
					"the provider's journal no longer holds the drill's start (it keeps %d "
						.formatted(root.path("requests").size())
							+ "requests): run a shorter or slower drill, or give WireMock a longer journal",
					List.of());
		}
		Set<String> captured = new HashSet<>();
		Set<String> refunded = new HashSet<>();
		for (JsonNode served : sinceMark) {
			String key = idempotencyKey(served.path("request").path("headers"));
			if (key == null || !answeredSuccess(served.path("responseDefinition"))) {
				continue;
			}
			if (key.startsWith("charge-")) {
				captured.add(key.substring("charge-".length()));
			}
			else if (key.startsWith("refund-")) {
				refunded.add(key.substring("refund-".length()));
			}
		}
		Map<String, Payment> payments = state.payments()
			.stream()
			.collect(Collectors.toMap(Payment::orderId, Function.identity(), (first, second) -> first));
		List<String> violations = new ArrayList<>();
		int held = 0;
		int givenBack = 0;
		int undecided = 0;
		for (SystemState.Order order : state.orders()) {
			String id = order.orderId();
			boolean providerHolds = captured.contains(id) && !refunded.contains(id);
			if (captured.contains(id) && refunded.contains(id)) {
				givenBack++;
			}
			Payment payment = payments.get(id);
			String status = (payment != null) ? payment.status() : "no payment";
			if (UNDECIDED.contains(status)) {
				undecided++;
			}
			else if (providerHolds != "CHARGED".equals(status)) {
				violations.add("order %s: the provider %s, payment-service says %s".formatted(id,
						providerHolds ? "holds a capture" : "holds nothing", status));
			}
			else if (providerHolds) {
				held++;
			}
		}
		String figure = "%d orders: the provider holds a capture for %d, each CHARGED in payment-service; %d captures "
			.formatted(state.orders().size(), held, givenBack)
				+ "refunded after the service gave up on them; %d undecided (parked, still held)".formatted(undecided)
				+ (violations.isEmpty() ? "" : "; " + violations.size() + " disagree");
		return new Check(NAME, violations.isEmpty(), figure, violations);
	}

	/**
	 * What the provider decided, as its stub says: a delayed answer still captured, even
	 * if the caller had given up waiting; a fault (reset, garbage) did not.
	 */
	private static boolean answeredSuccess(JsonNode response) {
		int status = response.path("status").asInt(0);
		return status / 100 == 2 && response.path("fault").isMissingNode();
	}

	/** WireMock logs a header as a string, or as a list when it came more than once. */
	private static String idempotencyKey(JsonNode headers) {
		for (Map.Entry<String, JsonNode> header : headers.properties()) {
			if (header.getKey().equalsIgnoreCase("Idempotency-Key")) {
				JsonNode value = header.getValue();
				return value.isArray() ? value.path(0).asString() : value.asString();
			}
		}
		return null;
	}

}
