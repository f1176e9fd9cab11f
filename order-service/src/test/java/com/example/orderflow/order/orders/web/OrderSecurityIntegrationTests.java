package com.example.orderflow.order.orders.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.example.orderflow.contracts.Topics;
import com.example.orderflow.messaging.test.KafkaProbe;
import com.example.orderflow.messaging.test.TestKafka;
import com.example.orderflow.order.IntegrationTestSupport;
import com.jayway.jsonpath.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static com.example.orderflow.order.orders.web.PlaceOrderFixtures.newCustomerId;
import static com.example.orderflow.order.orders.web.PlaceOrderFixtures.newIdempotencyKey;
import static com.example.orderflow.order.orders.web.PlaceOrderFixtures.placeOrderBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Who may place, read and list which orders, over the service's real filter chain with
 * tokens checked against a JWK set fetched over HTTP; and who placed an order, recorded
 * with it and carried into the saga by its OrderPlaced.
 */
class OrderSecurityIntegrationTests extends IntegrationTestSupport {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static KafkaProbe probe;

	@Autowired
	private MockMvc mvc;

	@BeforeAll
	static void listen() {
		probe = new KafkaProbe(TestKafka.bootstrapServers(), Topics.ORDER_EVENTS);
	}

	@AfterAll
	static void stopListening() {
		probe.close();
	}

	@Test
	void refusesEveryEndpointWithoutAValidTokenAndPlacesNothing() throws Exception {
		String customerId = newCustomerId();
		String orderId = placedOrderId(place(asCustomer(customerId), newIdempotencyKey(), placeOrderBody(customerId)));
		String expired = issuer.token().subject(customerId).expiredAgo(Duration.ofMinutes(5)).sign();
		for (RequestPostProcessor noValidToken : List.of(noToken(), withToken(expired),
				withToken(issuer.token().subject(customerId).forge()))) {
			unauthorized(place(noValidToken, newIdempotencyKey(), placeOrderBody(customerId)));
			unauthorized(this.mvc.perform(get("/orders/{id}", orderId).with(noValidToken)));
			unauthorized(this.mvc.perform(get("/orders").with(noValidToken)));
		}

		assertThat(count("select count(*) from orders where customer_id = ?", customerId)).isOne();
	}

	@Test
	void aCustomerPlacesOrdersForThemselvesOnly() throws Exception {
		String alice = newCustomerId();
		String bob = newCustomerId();

		place(asCustomer(alice), newIdempotencyKey(), placeOrderBody(bob)).andExpect(status().isForbidden())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(403));

		assertThat(count("select count(*) from orders where customer_id = ?", bob)).isZero();
		assertThat(count("select count(*) from outbox where position(? in payload) > 0", bob)).isZero();
	}

	@Test
	void recordsTheCustomerAsWhoPlacedTheirOrderAndCarriesThemInTheOrderPlacedHeader() throws Exception {
		String customerId = newCustomerId();

		String orderId = placedOrderId(place(asCustomer(customerId), newIdempotencyKey(), placeOrderBody(customerId)));

		ConsumerRecord<String, String> placed = probe.await(KafkaProbe.ofType("OrderPlaced", orderId), TIMEOUT);
		assertThat(KafkaProbe.header(placed, "principal")).isEqualTo(customerId);
		assertThat(count("select count(*) from orders where id = ?::uuid and placed_by = ?", orderId, customerId))
			.isOne();
	}

	@Test
	void anOperatorPlacesForAnyCustomerAndIsRecordedAsWhoPlacedIt() throws Exception {
		String customerId = newCustomerId();

		String orderId = placedOrderId(place(asOperator(), newIdempotencyKey(), placeOrderBody(customerId)));

		this.mvc.perform(get("/orders/{id}", orderId).with(asCustomer(customerId)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.customerId").value(customerId))
			.andExpect(jsonPath("$.placedBy").value("orderflow-tools"));
		ConsumerRecord<String, String> placed = probe.await(KafkaProbe.ofType("OrderPlaced", orderId), TIMEOUT);
		assertThat(KafkaProbe.header(placed, "principal")).isEqualTo("orderflow-tools");
	}

	@Test
	void anotherCustomersOrderLooksExactlyLikeOneThatDoesNotExist() throws Exception {
		String alice = newCustomerId();
		String alicesOrder = placedOrderId(place(asCustomer(alice), newIdempotencyKey(), placeOrderBody(alice)));
		String missingOrder = UUID.randomUUID().toString();
		String bob = newCustomerId();

		MockHttpServletResponse notHers = notFound(get("/orders/{id}", alicesOrder).with(asCustomer(bob)));
		MockHttpServletResponse missing = notFound(get("/orders/{id}", missingOrder).with(asCustomer(bob)));

		assertThat(notHers.getContentAsString().replace(alicesOrder, "ID"))
			.isEqualTo(missing.getContentAsString().replace(missingOrder, "ID"));
		assertThat(notHers.getContentAsString()).doesNotContain(alice);
		this.mvc.perform(get("/orders/{id}", alicesOrder).with(asCustomer(alice))).andExpect(status().isOk());
		this.mvc.perform(get("/orders/{id}", alicesOrder).with(asOperator()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.customerId").value(alice));
	}

	@Test
	void aCustomerListsTheirOwnOrdersOnlyAndAnOperatorAnyones() throws Exception {
		String alice = newCustomerId();
		String bob = newCustomerId();
		String alicesFirst = placedOrderId(place(asCustomer(alice), newIdempotencyKey(), placeOrderBody(alice)));
		String alicesSecond = placedOrderId(place(asCustomer(alice), newIdempotencyKey(), placeOrderBody(alice)));
		String bobs = placedOrderId(place(asCustomer(bob), newIdempotencyKey(), placeOrderBody(bob)));

		this.mvc.perform(get("/orders").with(asCustomer(alice)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.totalElements").value(2))
			.andExpect(jsonPath("$.content[*].customerId", everyItem(is(alice))));
		this.mvc.perform(get("/orders").param("customerId", bob).with(asCustomer(alice)))
			.andExpect(status().isForbidden())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(get("/orders").param("customerId", bob).with(asOperator()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[*].orderId", contains(bobs)));
		this.mvc.perform(get("/orders").param("size", "100").with(asOperator()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[*].orderId", hasItems(alicesFirst, alicesSecond, bobs)));
	}

	@Test
	void replayingAnotherCustomersIdempotencyKeyRevealsNothingOfTheirOrder() throws Exception {
		String key = newIdempotencyKey();
		String alice = newCustomerId();
		String alicesBody = placeOrderBody(alice);
		String alicesOrder = placedOrderId(place(asCustomer(alice), key, alicesBody));
		String bob = newCustomerId();

		place(asCustomer(bob), key, alicesBody).andExpect(status().isForbidden());
		String bobsOrder = placedOrderId(place(asCustomer(bob), key, placeOrderBody(bob)));

		assertThat(bobsOrder).isNotEqualTo(alicesOrder);
		this.mvc.perform(get("/orders/{id}", bobsOrder).with(asCustomer(bob)))
			.andExpect(jsonPath("$.customerId").value(bob));
	}

	@Test
	void leavesTheApiDescriptionOpenAndDeclaresTheBearerToken() throws Exception {
		this.mvc.perform(get("/v3/api-docs"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.components.securitySchemes.bearerAuth.scheme").value("bearer"))
			.andExpect(jsonPath("$.security[0].bearerAuth").isArray())
			.andExpect(jsonPath("$.paths['/orders'].post.responses['202'].content['application/json'].schema").exists())
			.andExpect(jsonPath("$.paths['/orders'].post.responses['403']").exists())
			.andExpect(jsonPath("$.paths['/orders/{orderId}'].get.responses['200'].content['application/json'].schema")
				.exists())
			.andExpect(jsonPath("$.paths['/orders'].get.responses['200'].content['application/json'].schema").exists())
			.andExpect(jsonPath("$.paths['/orders/{orderId}'].get.responses['404']").exists())
			.andExpect(
					jsonPath("$.paths['/orders'].get.parameters[*].name", not(hasItems("caller", "name", "operator"))));
	}

	private ResultActions place(RequestPostProcessor as, String idempotencyKey, String body) throws Exception {
		return this.mvc.perform(post("/orders").with(as)
			.header(OrderController.IDEMPOTENCY_KEY, idempotencyKey)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body));
	}

	private MockHttpServletResponse notFound(MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request)
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andReturn()
			.getResponse();
	}

	private static void unauthorized(ResultActions response) throws Exception {
		response.andExpect(status().isUnauthorized())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer")));
	}

	private static RequestPostProcessor noToken() {
		return (request) -> request;
	}

	private static String placedOrderId(ResultActions placed) throws Exception {
		return JsonPath.read(placed.andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString(),
				"$.orderId");
	}

	private static long count(String sql, String... parameters) throws SQLException {
		try (Connection connection = database.connect();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setString(i + 1, parameters[i]);
			}
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

}
