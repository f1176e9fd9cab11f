package com.example.orderflow.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import com.example.orderflow.contracts.Topics;
import com.example.orderflow.loadtest.ToolsToken;
import com.example.orderflow.messaging.test.KafkaProbe;
import com.example.orderflow.system.OtlpTraceReceiver.ReceivedSpan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The system as a user runs it ({@code ./stack up}: a Kafka broker process, PostgreSQL,
 * five service JVMs), driven only through the gateway's HTTP port.
 */
class PlaceOrderThroughGatewayEndToEndTests {

	private static final Duration FINISH_WITHIN = Duration.ofSeconds(120);

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final JsonMapper json = JsonMapper.builder().build();

	private static LocalStack stack;

	private static ToolsToken tools;

	private static ShopClient shop;

	private static OtlpTraceReceiver traces;

	@BeforeAll
	static void startStack() throws Exception {
		traces = OtlpTraceReceiver.start();
		stack = new LocalStack().exportingTracesTo(traces.endpoint()).up();
		tools = stack.toolsToken();
		shop = ShopClient.throughGateway(stack.gatewayUrl(), tools);
	}

	@AfterAll
	static void stopStack() {
		if (stack != null) {
			stack.close();
		}
		if (traces != null) {
			traces.close();
		}
	}

	@Test
	void oneOrderIsOneTraceFromTheGatewayThroughKafkaAndEveryServiceToItsApproval() {
		String book = ShopClient.uniqueSku("BOOK");
		shop.putProduct(book, 2500, 10);
		String customer = ShopClient.uniqueCustomer("traced");
		shop.deposit(customer, 10_000);

		UUID orderId = shop.placeOrder(customer, Map.of(book, 2));
		assertThat(shop.awaitFinished(orderId, FINISH_WITHIN)).containsEntry("status", "APPROVED");

		// the saga's path, as (consuming service, message type); each is consumed in the
		// trace that the gateway's request started
		List<List<String>> path = List.of(List.of("saga-orchestrator", "OrderPlaced"),
				List.of("inventory-service", "ReserveStock"), List.of("saga-orchestrator", "StockReserved"),
				List.of("payment-service", "ChargePayment"), List.of("saga-orchestrator", "PaymentCharged"),
				List.of("inventory-service", "ConfirmReservation"),
				List.of("saga-orchestrator", "ReservationConfirmed"), List.of("order-service", "ApproveOrder"),
				List.of("saga-orchestrator", "OrderApproved"));
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			List<ReceivedSpan> trace = traceOf(orderId);
			Map<String, ReceivedSpan> byId = new HashMap<>();
			trace.forEach((span) -> byId.put(span.spanId(), span));

			assertThat(trace).filteredOn(ReceivedSpan::isRoot)
				.singleElement()
				.satisfies((root) -> assertThat(root.service()).isEqualTo("gateway"))
				.satisfies((root) -> assertThat(root.kind()).isEqualTo("SERVER"));
			assertThat(trace).filteredOn((span) -> !span.isRoot())
				.allSatisfy((span) -> assertThat(byId).as("parent of %s in %s", span.name(), span.service())
					.containsKey(span.parentSpanId()));
			assertThat(trace).extracting(ReceivedSpan::service)
				.contains("gateway", "order-service", "saga-orchestrator", "inventory-service", "payment-service");

			List<List<String>> consumed = trace.stream()
				.filter((span) -> span.kind().equals("CONSUMER"))
				.map((span) -> List.of(span.service(), span.attribute("orderflow.message.type")))
				.toList();
			assertThat(consumed).containsAll(path);
			for (ReceivedSpan consumer : trace) {
				if (!consumer.kind().equals("CONSUMER")) {
					continue;
				}
				// a child of the publish, not a span linked to it
				ReceivedSpan producer = byId.get(consumer.parentSpanId());
				assertThat(producer.kind()).isEqualTo("PRODUCER");
				assertThat(producer.attribute("messaging.destination.name"))
					.isEqualTo(consumer.attribute("messaging.destination.name"));
				assertThat(producer.attribute("orderflow.message.type"))
					.isEqualTo(consumer.attribute("orderflow.message.type"));
				assertThat(List.of(producer, consumer)).allSatisfy((span) -> assertThat(span.attributes())
					.containsEntry("orderflow.order.id", orderId.toString()));
			}

			// the order is written by order-service's group commit, on its writer
			// thread, still in the request's trace
			ReceivedSpan written = trace.stream()
				.filter((span) -> span.name().equals("write order"))
				.findFirst()
				.orElseThrow();
			assertThat(written.service()).isEqualTo("order-service");
			assertThat(ancestors(written, byId)).anySatisfy((span) -> {
				assertThat(span.service()).isEqualTo("order-service");
				assertThat(span.kind()).isEqualTo("SERVER");
			});

			// the provider call happens later, on the settlement worker, still in the
			// trace
			ReceivedSpan settle = trace.stream()
				.filter((span) -> span.name().equals("settle capture"))
				.findFirst()
				.orElseThrow();
			assertThat(settle.service()).isEqualTo("payment-service");
			assertThat(byId.get(settle.parentSpanId()).attribute("orderflow.message.type")).isEqualTo("ChargePayment");
			assertThat(trace).anySatisfy((span) -> {
				assertThat(span.kind()).isEqualTo("CLIENT");
				assertThat(span.attribute("url.full")).endsWith("/v1/charges");
				assertThat(ancestors(span, byId)).contains(settle);
			});
		});

		// statements are traced as written (no sanitizer: javaagent.properties), which is
		// safe only while every value is bound as a parameter and none is in the text
		List<String> statements = traceOf(orderId).stream()
			.map((span) -> (span.attribute("db.query.text") != null) ? span.attribute("db.query.text")
					: span.attribute("db.statement"))
			.filter(Objects::nonNull)
			.toList();
		assertThat(statements).isNotEmpty()
			.allSatisfy((statement) -> assertThat(statement).doesNotContain(customer).doesNotContain(book));

		// a log line leads to its trace: the agent puts the ids in the MDC, the pattern
		// prints them
		String traceId = traceOf(orderId).getFirst().traceId();
		assertThat(stack.log("order-service")
			.lines()
			.filter((line) -> line.contains("Processed ApproveOrder") && line.contains(orderId.toString())))
			.singleElement()
			.asString()
			.contains("[" + traceId + ",");
	}

	@Test
	void approvesRejectsForStockAndRejectsForPaymentCheckedThroughTheApi() throws Exception {
		String book = ShopClient.uniqueSku("BOOK");
		String lamp = ShopClient.uniqueSku("LAMP");
		shop.putProduct(book, 4500, 10);
		shop.putProduct(lamp, 3900, 1);
		String rich = ShopClient.uniqueCustomer("rich");
		String poor = ShopClient.uniqueCustomer("poor");
		shop.deposit(rich, 100_000);
		shop.deposit(poor, 100);

		UUID approved = shop.placeOrder(rich, Map.of(book, 2));
		UUID outOfStock = shop.placeOrder(rich, Map.of(lamp, 2));
		UUID declined = shop.placeOrder(poor, Map.of(book, 1));

		assertThat(shop.awaitFinished(approved, FINISH_WITHIN)).containsEntry("status", "APPROVED")
			.containsEntry("total", 9000);
		assertThat(shop.awaitFinished(outOfStock, FINISH_WITHIN)).containsEntry("status", "REJECTED")
			.containsEntry("reason", "OUT_OF_STOCK");
		assertThat(shop.awaitFinished(declined, FINISH_WITHIN)).containsEntry("status", "REJECTED")
			.containsEntry("reason", "PAYMENT_DECLINED");

		assertThat(shop.balance(rich)).isEqualTo(100_000 - 9000);
		assertThat(shop.balance(poor)).isEqualTo(100);
		assertThat(shop.product(book)).containsEntry("onHand", 8).containsEntry("reserved", 0);
		assertThat(shop.product(lamp)).containsEntry("onHand", 1).containsEntry("reserved", 0);
		assertThat(shop.saga(approved)).containsEntry("state", "APPROVED");

		HttpResponse<String> response = get("/api/orders/" + approved);
		assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
	}

	@Test
	void tenConcurrentPostsWithOneIdempotencyKeyPlaceOneOrderAndChargeOnce() throws Exception {
		String book = ShopClient.uniqueSku("BOOK");
		shop.putProduct(book, 1000, 100);
		String customer = ShopClient.uniqueCustomer("retrier");
		shop.deposit(customer, 50_000);
		String key = UUID.randomUUID().toString();

		Set<UUID> orderIds = new HashSet<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
			List<Future<UUID>> posts = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				posts.add(pool.submit(() -> shop.placeOrder(customer, Map.of(book, 3), key)));
			}
			for (Future<UUID> post : posts) {
				orderIds.add(post.get());
			}
		}

		assertThat(orderIds).hasSize(1);
		UUID orderId = orderIds.iterator().next();
		assertThat(shop.awaitFinished(orderId, FINISH_WITHIN)).containsEntry("status", "APPROVED");
		assertThat(shop.ordersOf(customer)).isEqualTo(1);
		assertThat(shop.payments(orderId)).hasSize(1);
		assertThat(shop.balance(customer)).isEqualTo(50_000 - 3000);
		assertThat(shop.product(book)).containsEntry("onHand", 97);
		assertThat(shop.saga(orderId)).containsEntry("state", "APPROVED");
	}

	@Test
	void refusesInvalidOrdersWithProblemDetailsAndCreatesNothing() throws Exception {
		String book = ShopClient.uniqueSku("BOOK");
		shop.putProduct(book, 1000, 5);
		String customer = ShopClient.uniqueCustomer("careful");
		shop.deposit(customer, 10_000);
		String valid = """
				{"customerId":"%s","currency":"EUR","items":[{"sku":"%s","quantity":1}]}""".formatted(customer, book);

		assertProblem(postOrder(valid, null, "application/json"), 400);
		assertProblem(postOrder(valid.replace(book, "SKU-NOBODY-SELLS"), key(), "application/json"), 422);
		assertProblem(postOrder(valid.replace("\"quantity\":1", "\"quantity\":0"), key(), "application/json"), 400);
		assertProblem(postOrder(valid.replace("\"quantity\":1", "\"quantity\":-2"), key(), "application/json"), 400);
		assertProblem(postOrder(valid.replace(customer, "nobody-" + UUID.randomUUID().toString().substring(0, 8)),
				key(), "application/json"), 422);
		assertProblem(postOrder("{\"customerId\": \"" + customer + "\", \"items\": [", key(), "application/json"), 400);
		assertProblem(postOrder(valid, key(), "text/plain"), 415);

		assertThat(shop.ordersOf(customer)).isZero();
		assertThat(shop.balance(customer)).isEqualTo(10_000);
		assertThat(shop.product(book)).containsEntry("onHand", 5).containsEntry("reserved", 0);
	}

	@Test
	void everyOrderEndsConsistentlyWhenOrchestratorAndPaymentAreKilledWhileOrdersFlow() throws Exception {
		String book = ShopClient.uniqueSku("BOOK");
		String mug = ShopClient.uniqueSku("MUG");
		int stock = 10_000;
		shop.putProduct(book, 4500, stock);
		shop.putProduct(mug, 1200, stock);
		List<String> customers = List.of(ShopClient.uniqueCustomer("a"), ShopClient.uniqueCustomer("b"),
				ShopClient.uniqueCustomer("c"));
		customers.forEach((customer) -> shop.deposit(customer, 100_000));
		long gatewayPid = stack.pid("gateway");
		long inventoryPid = stack.pid("inventory-service");

		List<UUID> orders = new CopyOnWriteArrayList<>();
		AtomicBoolean flowing = new AtomicBoolean(true);
		Thread placer = Thread.ofPlatform().start(() -> {
			int i = 0;
			while (flowing.get()) {
				try {
					orders.add(shop.placeOrder(customers.get(i % 3), Map.of(book, 1 + i % 2, mug, 1)));
				}
				catch (RuntimeException ex) {
					// the gateway may refuse while a service restarts; a refused order
					// does not exist
				}
				i++;
				ServiceProcess.sleep(Duration.ofMillis(100));
			}
		});
		ServiceProcess.sleep(Duration.ofSeconds(3));
		stack.kill("saga-orchestrator");
		ServiceProcess.sleep(Duration.ofSeconds(2));
		stack.upAgain();
		ServiceProcess.sleep(Duration.ofSeconds(2));
		stack.kill("payment-service");
		ServiceProcess.sleep(Duration.ofSeconds(2));
		stack.upAgain();
		ServiceProcess.sleep(Duration.ofSeconds(2));
		flowing.set(false);
		placer.join();

		assertThat(stack.pid("gateway")).as("up restarts only what died").isEqualTo(gatewayPid);
		assertThat(stack.pid("inventory-service")).isEqualTo(inventoryPid);
		assertThat(orders).hasSizeGreaterThan(20);
		Map<String, Long> deposits = new HashMap<>();
		customers.forEach((customer) -> deposits.put(customer, 100_000L));
		ConsistencyAudit.assertConsistent(shop, orders, deposits, Map.of(book, stock, mug, stock), FINISH_WITHIN);
	}

	/**
	 * The README's one-liners: an operator token by client credentials, a customer's by
	 * the code flow with PKCE, both signed with a key the issuer publishes.
	 */
	@Test
	void printsTokensOfTheLocalIssuerForAnOperatorAndACustomer() throws Exception {
		String customer = ShopClient.uniqueCustomer("token");
		Map<String, String> operator = claims(stack.token("--operator"));
		String customerToken = stack.token("--customer", customer);
		Map<String, String> customerClaims = claims(customerToken);
		String issuer = stack.url("AUTH_PORT");

		assertThat(operator).containsEntry("sub", "orderflow-tools")
			.containsEntry("roles", "[\"operator\"]")
			.containsEntry("aud", "orderflow-api")
			.containsEntry("iss", issuer);
		assertThat(customerClaims).containsEntry("sub", customer)
			.containsEntry("roles", "[\"customer\"]")
			.containsEntry("iss", issuer);
		String kid = json.readTree(decode(customerToken.split("\\.")[0])).path("kid").stringValue();
		HttpResponse<String> jwks = http.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/jwks")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(jwks.body()).contains("\"kid\":\"" + kid + "\"");
	}

	private static Map<String, String> claims(String token) {
		assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
		Map<String, String> claims = new HashMap<>();
		json.readTree(decode(token.split("\\.")[1]))
			.properties()
			.forEach((claim) -> claims.put(claim.getKey(),
					claim.getValue().isString() ? claim.getValue().stringValue() : claim.getValue().toString()));
		return claims;
	}

	private static String decode(String part) {
		return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
	}

	@Test
	void servesTheWholePublicApiAsOneOpenApiDocument() throws Exception {
		HttpResponse<String> response = get("/api/openapi.json");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body())
			.contains("\"/api/orders\"", "\"/api/orders/{orderId}\"", "\"/api/products/{sku}\"",
					"\"/api/accounts/{customerId}/deposits\"", "\"/api/payments\"", "\"/api/sagas/{orderId}\"")
			.doesNotContain("x-unavailable")
			.doesNotContain("/actuator");
		assertThat(get("/api/docs").statusCode()).isEqualTo(302);
	}

	/**
	 * The rules and queries in observability/ run against the real services: ./stack up
	 * starts Prometheus (./stack test installs it), which scrapes all five services on
	 * this stack's ports and loads every alert rule.
	 */
	@Test
	void prometheusScrapesEveryServiceAndEvaluatesTheAlertRules() throws Exception {
		String prometheus = stack.prometheusUrl();
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(1))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(body(prometheus + "/api/v1/query?query=sum(up)")).contains("\"5\"]"));
		String rules = body(prometheus + "/api/v1/rules");
		assertThat(rules).contains("\"name\":\"SagaFailureRatioHigh\"", "\"name\":\"OutboxBacklog\"")
			.doesNotContain("\"health\":\"err\"");
	}

	/**
	 * A renamed or lost metric must fail here rather than silently mute an alert or blank
	 * a dashboard panel: after an order and a parked record, every metric the alert rules
	 * and the dashboards query is on one of the five services' /actuator/prometheus.
	 */
	@Test
	void exposesEveryMetricTheAlertRulesAndDashboardsQuery() throws Exception {
		String book = ShopClient.uniqueSku("BOOK");
		shop.putProduct(book, 4500, 10);
		String customer = ShopClient.uniqueCustomer("watched");
		shop.deposit(customer, 100_000);
		shop.awaitFinished(shop.placeOrder(customer, Map.of(book, 1)), FINISH_WITHIN);
		try (KafkaProbe probe = new KafkaProbe(stack.kafkaBootstrap(),
				Topics.deadLetterTopicOf(Topics.PAYMENT_COMMANDS))) {
			String key = UUID.randomUUID().toString();
			probe.send(Topics.PAYMENT_COMMANDS, key, "ChargePayment", "{not json");
			probe.await((record) -> key.equals(record.key()), FINISH_WITHIN);
		}

		StringBuilder exposed = new StringBuilder();
		for (String port : List.of("GATEWAY_PORT", "ORDER_PORT", "INVENTORY_PORT", "PAYMENT_PORT",
				"ORCHESTRATOR_PORT")) {
			exposed.append(body(stack.url(port) + "/actuator/prometheus")).append('\n');
		}

		assertThat(QueriedMetrics.names()).isNotEmpty()
			.allSatisfy((name) -> assertThat(exposed).as("metric %s", name).containsPattern("(?m)^" + name + "[{ ]"));
	}

	private static String body(String url) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(url).isEqualTo(200);
		return response.body();
	}

	private static HttpResponse<String> postOrder(String body, String idempotencyKey, String contentType)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/orders"))
			.header("Content-Type", contentType)
			.header("Authorization", "Bearer " + tools.get())
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** The trace the order's placement started, found by the order id on its spans. */
	private static List<ReceivedSpan> traceOf(UUID orderId) {
		ReceivedSpan placed = traces.spans()
			.stream()
			.filter((span) -> span.service().equals("order-service") && span.kind().equals("SERVER")
					&& orderId.toString().equals(span.attribute("orderflow.order.id")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no span of order-service carries order " + orderId));
		return traces.trace(placed.traceId());
	}

	private static List<ReceivedSpan> ancestors(ReceivedSpan span, Map<String, ReceivedSpan> byId) {
		List<ReceivedSpan> ancestors = new ArrayList<>();
		ReceivedSpan parent = byId.get(span.parentSpanId());
		while (parent != null) {
			ancestors.add(parent);
			parent = byId.get(parent.parentSpanId());
		}
		return ancestors;
	}

	private static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"status\":" + status);
	}

	private static String key() {
		return UUID.randomUUID().toString();
	}

}
