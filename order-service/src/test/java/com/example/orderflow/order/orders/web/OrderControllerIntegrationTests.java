package com.example.orderflow.order.orders.web;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.example.orderflow.contracts.MessageTypes;
import com.example.orderflow.contracts.OrderCommand.RejectOrder;
import com.example.orderflow.contracts.OrderEvent.OrderPlaced;
import com.example.orderflow.contracts.OrderItem;
import com.example.orderflow.contracts.RejectionReason;
import com.example.orderflow.contracts.Topics;
import com.example.orderflow.messaging.MessageCodec;
import com.example.orderflow.messaging.test.KafkaProbe;
import com.example.orderflow.messaging.test.TestKafka;
import com.example.orderflow.order.IntegrationTestSupport;
import com.example.orderflow.webproblems.test.HostileValues;
import com.jayway.jsonpath.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.client.RestClient;

import static com.example.orderflow.order.orders.web.PlaceOrderFixtures.newCustomerId;
import static com.example.orderflow.order.orders.web.PlaceOrderFixtures.newIdempotencyKey;
import static com.example.orderflow.order.orders.web.PlaceOrderFixtures.newSku;
import static com.example.orderflow.order.orders.web.PlaceOrderFixtures.placeOrderBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class OrderControllerIntegrationTests extends IntegrationTestSupport {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final MessageCodec codec = new MessageCodec();

	private static KafkaProbe probe;

	@Autowired
	private MockMvc mvc;

	@LocalServerPort
	private int port;

	@BeforeAll
	static void listen() {
		probe = new KafkaProbe(TestKafka.bootstrapServers(), Topics.ORDER_EVENTS);
	}

	@AfterAll
	static void stopListening() {
		probe.close();
	}

	@Test
	void placingAnOrderAcceptsItAndPublishesOneOrderPlaced() throws Exception {
		String customerId = newCustomerId();
		String firstSku = newSku();
		String secondSku = newSku();

		ResultActions response = place(newIdempotencyKey(),
				placeOrderBody(customerId, "EUR", firstSku, 2, secondSku, 1));

		String orderId = placedOrderId(response);
		response.andExpect(header().string(HttpHeaders.LOCATION, "/orders/" + orderId))
			.andExpect(jsonPath("$.status").value("PENDING"));

		ConsumerRecord<String, String> record = probe.await(KafkaProbe.ofType("OrderPlaced", orderId), TIMEOUT);
		OrderPlaced placed = (OrderPlaced) codec.decode("OrderPlaced", record.value());
		assertThat(placed.orderId()).hasToString(orderId);
		assertThat(placed.customerId()).isEqualTo(customerId);
		assertThat(placed.currency()).isEqualTo("EUR");
		assertThat(placed.items()).containsExactly(new OrderItem(firstSku, 2), new OrderItem(secondSku, 1));
		assertThat(placed.sagaId()).isEqualTo(sagaIdOf(orderId));
		assertThat(orderPlacedCount(orderId)).isOne();
	}

	@Test
	void retryingWithTheSameKeyAndBodyAnswersWithTheSameOrderAndPlacesNothing() throws Exception {
		String key = newIdempotencyKey();
		String body = placeOrderBody();
		String orderId = placedOrderId(place(key, body));

		place(key, body).andExpect(status().isAccepted())
			.andExpect(header().string(HttpHeaders.LOCATION, "/orders/" + orderId))
			.andExpect(jsonPath("$.orderId").value(orderId))
			.andExpect(jsonPath("$.status").value("PENDING"));

		probe.await(KafkaProbe.ofType("OrderPlaced", orderId), TIMEOUT);
		assertThat(orderPlacedCount(orderId)).isOne();
		assertThat(count("select count(*) from orders where idempotency_key = ?", key)).isOne();
		assertThat(count("select count(*) from outbox where message_key = ?", orderId)).isOne();
	}

	@Test
	void retryingWithTheSameItemsInAnotherOrderIsTheSameRequest() throws Exception {
		String key = newIdempotencyKey();
		String customerId = newCustomerId();
		String first = newSku();
		String second = newSku();
		String orderId = placedOrderId(place(key, placeOrderBody(customerId, "EUR", first, 1, second, 2)));

		place(key, placeOrderBody(customerId, "EUR", second, 2, first, 1)).andExpect(status().isAccepted())
			.andExpect(jsonPath("$.orderId").value(orderId));
	}

	@Test
	void concurrentIdenticalRequestsPlaceOneOrder() throws Exception {
		String key = newIdempotencyKey();
		String customerId = newCustomerId();
		String body = placeOrderBody(customerId);
		String token = issuer.customer(customerId);
		RestClient client = RestClient.create("http://localhost:" + this.port);
		int requests = 10;
		CountDownLatch start = new CountDownLatch(1);
		List<Future<ResponseEntity<String>>> responses = new ArrayList<>();
		try (ExecutorService threads = Executors.newFixedThreadPool(requests)) {
			for (int i = 0; i < requests; i++) {
				responses.add(threads.submit(() -> {
					start.await();
					return client.post()
						.uri("/orders")
						.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
						.header(OrderController.IDEMPOTENCY_KEY, key)
						.contentType(MediaType.APPLICATION_JSON)
						.body(body)
						.retrieve()
						.toEntity(String.class);
				}));
			}
			start.countDown();
			List<String> orderIds = new ArrayList<>();
			for (Future<ResponseEntity<String>> response : responses) {
				assertThat(response.get().getStatusCode().value()).isEqualTo(202);
				orderIds.add(JsonPath.read(response.get().getBody(), "$.orderId"));
			}
			assertThat(orderIds).hasSize(requests).containsOnly(orderIds.get(0));
		}
		assertThat(count("select count(*) from orders where idempotency_key = ?", key)).isOne();
		assertThat(count("select count(*) from outbox where message_type = 'OrderPlaced' and message_key in "
				+ "(select id::text from orders where idempotency_key = ?)", key))
			.isOne();
	}

	@Test
	void reusingAKeyForADifferentRequestIsUnprocessable() throws Exception {
		String key = newIdempotencyKey();
		String customerId = newCustomerId();
		String sku = newSku();
		place(key, placeOrderBody(customerId, "EUR", sku, 1)).andExpect(status().isAccepted());

		place(key, placeOrderBody(customerId, "EUR", sku, 2)).andExpect(status().isUnprocessableContent())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(422))
			.andExpect(jsonPath("$.detail").value("Idempotency-Key reused with a different request"));
		assertThat(count("select count(*) from orders where idempotency_key = ?", key)).isOne();
	}

	@Test
	void theSameKeyFromAnotherCustomerPlacesAnotherOrder() throws Exception {
		String key = newIdempotencyKey();
		String first = placedOrderId(place(key, placeOrderBody()));

		String second = placedOrderId(place(key, placeOrderBody()));

		assertThat(second).isNotEqualTo(first);
	}

	@Test
	void placingWithoutAnIdempotencyKeyIsABadRequest() throws Exception {
		this.mvc.perform(
				post("/orders").with(asOperator()).contentType(MediaType.APPLICATION_JSON).content(placeOrderBody()))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
	}

	@Test
	void placingWithATooLongIdempotencyKeyIsABadRequest() throws Exception {
		place("k".repeat(201), placeOrderBody()).andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[*].field").value(hasItem("Idempotency-Key")));
	}

	@Test
	void placingWithInvalidFieldsListsEveryOne() throws Exception {
		String body = """
				{"customerId": "not allowed!", "currency": "eur",
				 "items": [{"sku": " ", "quantity": 0}, {"sku": "A", "quantity": 10001}, null]}""";

		place(newIdempotencyKey(), body).andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("customerId", "currency", "items[0].sku",
					"items[0].quantity", "items[1].quantity", "items[2]")))
			.andExpect(jsonPath("$.errors[0].message").isNotEmpty());
	}

	@Test
	void placingForASkuThatCouldNeverBeOneIsABadRequestNamingItAndStoresNothing() throws Exception {
		for (String sku : new String[] { "../../etc/passwd", "X\\u0000Y", "-first", "a b", "x".repeat(65) }) {
			String key = newIdempotencyKey();
			String body = """
					{"customerId": "%s", "currency": "EUR", "items": [{"sku": "%s", "quantity": 1}]}"""
				.formatted(newCustomerId(), sku);

			place(key, body).andExpect(status().isBadRequest())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[*].field").value(hasItem("items[0].sku")));
			assertThat(count("select count(*) from orders where idempotency_key = ?", key)).as(sku).isZero();
		}
	}

	@Test
	void placingInThreeLettersThatAreNoCurrencyIsABadRequest() throws Exception {
		for (String currency : new String[] { "ZZZ", "XXX" }) {
			place(newIdempotencyKey(), placeOrderBody(newCustomerId(), currency, newSku(), 1))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("currency"))
				.andExpect(jsonPath("$.errors[0].message").value("must be an ISO 4217 currency code such as EUR"));
		}
	}

	@Test
	void placingWithAnIdempotencyKeyThatIsNotPrintableAsciiSaysWhatAKeyMayContain() throws Exception {
		place("ключ", placeOrderBody()).andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"))
			.andExpect(jsonPath("$.errors[0].message").value("must be printable ASCII text"));
	}

	@Test
	void placingWithABodyOverTheGatewaysLimitIsRefusedHereTooAndStoresNothing() throws Exception {
		String key = newIdempotencyKey();
		String padding = " ".repeat(65 * 1024);

		place(key, placeOrderBody() + padding).andExpect(status().isPayloadTooLarge())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		assertThat(count("select count(*) from orders where idempotency_key = ?", key)).isZero();
	}

	/**
	 * Generated hostile input (see {@link HostileValues}): whatever the customer id,
	 * currency, sku, quantity and key, the answer is 202 or a 4xx problem, never a 5xx,
	 * and a refused order stores nothing.
	 */
	@Test
	void generatedHostileOrdersAreAnsweredWithProblemsAndRefusedOnesStoreNothing() throws Exception {
		Iterator<String> customers = HostileValues.texts("alice");
		Iterator<String> currencies = HostileValues.texts("EUR", "USD");
		Iterator<String> skus = HostileValues.texts("SKU-1");
		Iterator<String> quantities = HostileValues.numbers();
		Iterator<String> keys = HostileValues.texts("key-1");
		for (int i = 0; i < 150; i++) {
			String key = "generated-" + i + "-" + UUID.randomUUID();
			String body = """
					{"customerId": %s, "currency": %s, "items": [{"sku": %s, "quantity": %s}]}""".formatted(
					HostileValues.json(customers.next()), HostileValues.json(currencies.next()),
					HostileValues.json(skus.next()), quantities.next());
			String hostileKey = keys.next();
			MvcResult result = this.mvc
				.perform(post("/orders").with(asOperator())
					.header(OrderController.IDEMPOTENCY_KEY, (i % 3 == 0) ? hostileKey : key)
					.contentType(MediaType.APPLICATION_JSON)
					.content(body))
				.andReturn();

			if (HostileValues.refusedAsAProblem(result.getResponse().getStatus(), result.getResponse().getContentType(),
					body)) {
				assertThat(count("select count(*) from orders where idempotency_key = ?", key)).as(body).isZero();
			}
		}
	}

	/**
	 * The same for every read: a hostile order id, customer, status or page is a 4xx
	 * problem.
	 */
	@Test
	void generatedHostileReadsAreAnsweredWithProblems() throws Exception {
		Iterator<String> texts = HostileValues.texts("alice", "PENDING", UUID.randomUUID().toString());
		Iterator<String> numbers = HostileValues.numbers();
		for (int i = 0; i < 150; i++) {
			String path = switch (i % 3) {
				case 0 -> "/orders/" + HostileValues.pathSegment(texts.next());
				case 1 -> "/orders?customerId=" + HostileValues.queryParam(texts.next()) + "&status="
						+ HostileValues.queryParam(texts.next());
				default -> "/orders?page=" + HostileValues.queryParam(numbers.next()) + "&size="
						+ HostileValues.queryParam(numbers.next());
			};

			MvcResult result = this.mvc.perform(get(URI.create(path)).with(asOperator())).andReturn();

			HostileValues.refusedAsAProblem(result.getResponse().getStatus(), result.getResponse().getContentType(),
					path);
		}
	}

	@Test
	void placingWithMissingFieldsIsABadRequest() throws Exception {
		place(newIdempotencyKey(), "{}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("customerId", "currency", "items")));
	}

	@Test
	void placingWithoutItemsOrWithTooManyIsABadRequest() throws Exception {
		place(newIdempotencyKey(), placeOrderBody(newCustomerId(), "EUR")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("items"));
		Object[] tooMany = new Object[202];
		for (int i = 0; i < tooMany.length; i += 2) {
			tooMany[i] = newSku();
			tooMany[i + 1] = 1;
		}
		place(newIdempotencyKey(), placeOrderBody(newCustomerId(), "EUR", tooMany)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("items"));
	}

	@Test
	void placingTheSameSkuTwiceIsABadRequest() throws Exception {
		String sku = newSku();

		place(newIdempotencyKey(), placeOrderBody(newCustomerId(), "EUR", sku, 1, sku, 2))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("items"))
			.andExpect(jsonPath("$.errors[0].message").value("must not contain the same sku twice"));
	}

	@Test
	void placingMalformedJsonIsABadRequest() throws Exception {
		place(newIdempotencyKey(), "{\"customerId\": ").andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		place(newIdempotencyKey(), placeOrderBody(newCustomerId(), "EUR", newSku(), "\"many\""))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		place(newIdempotencyKey(), placeOrderBody(newCustomerId(), "EUR", newSku(), 1.5))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void placingPlainTextIsAnUnsupportedMediaTypeWhateverTheClientAccepts() throws Exception {
		String customerId = newCustomerId();
		for (String accept : List.of(MediaType.ALL_VALUE, MediaType.APPLICATION_JSON_VALUE,
				MediaType.TEXT_PLAIN_VALUE)) {
			this.mvc
				.perform(post("/orders").with(asCustomer(customerId))
					.header(OrderController.IDEMPOTENCY_KEY, newIdempotencyKey())
					.contentType(MediaType.TEXT_PLAIN)
					.header(HttpHeaders.ACCEPT, accept)
					.content(placeOrderBody(customerId)))
				.andExpect(status().isUnsupportedMediaType())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.status").value(415));
		}
		assertThat(count("select count(*) from orders where customer_id = ?", customerId)).isZero();
	}

	@Test
	void placingWithABrowsersAcceptHeaderAnswersInJson() throws Exception {
		this.mvc
			.perform(post("/orders").with(asOperator())
				.header(OrderController.IDEMPOTENCY_KEY, newIdempotencyKey())
				.contentType(MediaType.APPLICATION_JSON)
				.header(HttpHeaders.ACCEPT, "text/html,application/xhtml+xml,*/*;q=0.8")
				.content(placeOrderBody()))
			.andExpect(status().isAccepted())
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.status").value("PENDING"));
	}

	@Test
	void placingForAClientThatAcceptsNoJsonIsNotAcceptableAndPlacesNothing() throws Exception {
		String customerId = newCustomerId();

		this.mvc
			.perform(post("/orders").with(asCustomer(customerId))
				.header(OrderController.IDEMPOTENCY_KEY, newIdempotencyKey())
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.TEXT_PLAIN)
				.content(placeOrderBody(customerId)))
			.andExpect(status().isNotAcceptable())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(406));
		assertThat(count("select count(*) from orders where customer_id = ?", customerId)).isZero();
	}

	@Test
	void readingAnOrderShowsItAsPlaced() throws Exception {
		String customerId = newCustomerId();
		String sku = newSku();
		String orderId = placedOrderId(place(newIdempotencyKey(), placeOrderBody(customerId, "EUR", sku, 3)));

		this.mvc.perform(get("/orders/{id}", orderId).with(asCustomer(customerId)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.orderId").value(orderId))
			.andExpect(jsonPath("$.customerId").value(customerId))
			.andExpect(jsonPath("$.status").value("PENDING"))
			.andExpect(jsonPath("$.reason").value(nullValue()))
			.andExpect(jsonPath("$.currency").value("EUR"))
			.andExpect(jsonPath("$.total").value(nullValue()))
			.andExpect(jsonPath("$.lines", hasSize(1)))
			.andExpect(jsonPath("$.lines[0].sku").value(sku))
			.andExpect(jsonPath("$.lines[0].quantity").value(3))
			.andExpect(jsonPath("$.lines[0].unitPrice").value(nullValue()))
			.andExpect(jsonPath("$.createdAt").isNotEmpty())
			.andExpect(jsonPath("$.updatedAt").isNotEmpty())
			.andExpect(jsonPath("$.placedBy").value(customerId));
	}

	@Test
	void readingAnUnknownOrderIsNotFound() throws Exception {
		this.mvc.perform(get("/orders/{id}", UUID.randomUUID()).with(asOperator()))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(404));
	}

	@Test
	void readingWithAMalformedIdIsABadRequest() throws Exception {
		this.mvc.perform(get("/orders/{id}", "not-a-uuid").with(asOperator()))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("orderId"));
	}

	@Test
	void listingShowsACustomersOrdersNewestFirstInPages() throws Exception {
		String customerId = newCustomerId();
		String oldest = placedOrderId(place(newIdempotencyKey(), placeOrderBody(customerId)));
		String middle = placedOrderId(place(newIdempotencyKey(), placeOrderBody(customerId)));
		String newest = placedOrderId(place(newIdempotencyKey(), placeOrderBody(customerId)));
		place(newIdempotencyKey(), placeOrderBody()).andExpect(status().isAccepted());

		this.mvc
			.perform(get("/orders").with(asCustomer(customerId))
				.param("customerId", customerId)
				.param("page", "0")
				.param("size", "2"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[*].orderId", contains(newest, middle)))
			.andExpect(jsonPath("$.content[0].customerId").value(customerId))
			.andExpect(jsonPath("$.content[0].lines", hasSize(2)))
			.andExpect(jsonPath("$.page").value(0))
			.andExpect(jsonPath("$.size").value(2))
			.andExpect(jsonPath("$.totalElements").value(3))
			.andExpect(jsonPath("$.totalPages").value(2));
		this.mvc
			.perform(get("/orders").with(asCustomer(customerId))
				.param("customerId", customerId)
				.param("page", "1")
				.param("size", "2"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[*].orderId", contains(oldest)));
	}

	@Test
	void listingFiltersByStatus() throws Exception {
		String customerId = newCustomerId();
		String pending = placedOrderId(place(newIdempotencyKey(), placeOrderBody(customerId)));
		String rejected = placedOrderId(place(newIdempotencyKey(), placeOrderBody(customerId)));
		reject(rejected, RejectionReason.OUT_OF_STOCK);

		this.mvc.perform(
				get("/orders").with(asCustomer(customerId)).param("customerId", customerId).param("status", "REJECTED"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[*].orderId", contains(rejected)))
			.andExpect(jsonPath("$.content[0].reason").value("OUT_OF_STOCK"))
			.andExpect(jsonPath("$.totalElements").value(1));
		this.mvc.perform(
				get("/orders").with(asCustomer(customerId)).param("customerId", customerId).param("status", "PENDING"))
			.andExpect(jsonPath("$.content[*].orderId", contains(pending)));
		this.mvc
			.perform(get("/orders").with(asCustomer(customerId)).param("customerId", customerId).param("status", ""))
			.andExpect(jsonPath("$.totalElements").value(2))
			.andExpect(jsonPath("$.size").value(20));
	}

	@Test
	void listingWithAnUnknownStatusIsABadRequest() throws Exception {
		this.mvc.perform(get("/orders").with(asOperator()).param("status", "SHIPPED"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("status"));
	}

	@Test
	void listingWithAPageSizeOutOfRangeIsABadRequest() throws Exception {
		for (String size : List.of("0", "101")) {
			this.mvc.perform(get("/orders").with(asOperator()).param("size", size))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[0].field").value("size"));
		}
		this.mvc.perform(get("/orders").with(asOperator()).param("page", "-1"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("page"));
	}

	/**
	 * As the customer the body names, as customers place their own orders; a body without
	 * a readable one as an operator.
	 */
	private ResultActions place(String idempotencyKey, String body) throws Exception {
		return this.mvc.perform(post("/orders").with(PlaceOrderFixtures.asPlacer(body))
			.header(OrderController.IDEMPOTENCY_KEY, idempotencyKey)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body));
	}

	private static String placedOrderId(ResultActions placed) throws Exception {
		return JsonPath.read(placed.andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString(),
				"$.orderId");
	}

	/** Plays the orchestrator, and waits for the order to have answered. */
	private static void reject(String orderId, RejectionReason reason) throws SQLException {
		RejectOrder command = new RejectOrder(UUID.randomUUID(), sagaIdOf(orderId), UUID.fromString(orderId),
				Instant.now(), reason, List.of(), null);
		probe.send(Topics.ORDER_COMMANDS, orderId, MessageTypes.nameOf(command), codec.encode(command));
		probe.await(KafkaProbe.ofType("OrderRejected", orderId), TIMEOUT);
	}

	private static long orderPlacedCount(String orderId) {
		return probe.received(Duration.ofSeconds(1)).stream().filter(KafkaProbe.ofType("OrderPlaced", orderId)).count();
	}

	private static UUID sagaIdOf(String orderId) throws SQLException {
		try (Connection connection = database.connect();
				PreparedStatement statement = connection.prepareStatement("select saga_id from orders where id = ?")) {
			statement.setObject(1, UUID.fromString(orderId));
			try (ResultSet rs = statement.executeQuery()) {
				assertThat(rs.next()).as("order %s exists", orderId).isTrue();
				return rs.getObject(1, UUID.class);
			}
		}
	}

	private static long count(String sql, String parameter) throws SQLException {
		try (Connection connection = database.connect();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, parameter);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

}
