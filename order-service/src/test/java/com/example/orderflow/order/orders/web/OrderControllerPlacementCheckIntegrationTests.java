package com.example.orderflow.order.orders.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import com.example.orderflow.order.IntegrationTestSupport;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static com.example.orderflow.order.orders.web.PlaceOrderFixtures.newCustomerId;
import static com.example.orderflow.order.orders.web.PlaceOrderFixtures.newIdempotencyKey;
import static com.example.orderflow.order.orders.web.PlaceOrderFixtures.newSku;
import static com.example.orderflow.order.orders.web.PlaceOrderFixtures.placeOrderBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code POST /orders} refuses at once what the saga could only reject, against a faked
 * inventory-service and payment-service.
 */
class OrderControllerPlacementCheckIntegrationTests extends IntegrationTestSupport {

	@Autowired
	private MockMvc mvc;

	@Test
	void placingAnUnknownSkuIsUnprocessableAndStoresNothing() throws Exception {
		String customerId = newCustomerId();
		String known = newSku();
		String unknown = newSku();
		downstream.unknownSku(unknown);
		String key = newIdempotencyKey();

		place(key, placeOrderBody(customerId, "EUR", known, 1, unknown, 2)).andExpect(status().isUnprocessableContent())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(422))
			.andExpect(jsonPath("$.title").value("Order cannot be placed"))
			.andExpect(jsonPath("$.errors", hasSize(1)))
			.andExpect(jsonPath("$.errors[0].field").value("items[1].sku"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString(unknown)));

		assertNothingStoredFor(customerId);
	}

	@Test
	void placingForAnUnknownCustomerIsUnprocessableAndStoresNothing() throws Exception {
		String customerId = newCustomerId();
		downstream.unknownCustomer(customerId);

		place(newIdempotencyKey(), placeOrderBody(customerId)).andExpect(status().isUnprocessableContent())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors", hasSize(1)))
			.andExpect(jsonPath("$.errors[0].field").value("customerId"));

		assertNothingStoredFor(customerId);
	}

	@Test
	void placingInAnotherCurrencyThanTheAccountsIsUnprocessable() throws Exception {
		String customerId = newCustomerId();
		downstream.customerIn(customerId, "USD");

		place(newIdempotencyKey(), placeOrderBody(customerId, "EUR", newSku(), 1))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors", hasSize(1)))
			.andExpect(jsonPath("$.errors[0].field").value("currency"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("USD")));

		assertNothingStoredFor(customerId);
	}

	@Test
	void placingInAnotherCurrencyThanAProductsIsUnprocessable() throws Exception {
		String customerId = newCustomerId();
		String dollarSku = newSku();
		downstream.skuIn(dollarSku, "USD");

		place(newIdempotencyKey(), placeOrderBody(customerId, "EUR", newSku(), 1, newSku(), 1, dollarSku, 1))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors", hasSize(1)))
			.andExpect(jsonPath("$.errors[0].field").value("items[2].sku"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("USD")));

		assertNothingStoredFor(customerId);
	}

	@Test
	void everyReasonIsListedAtOnce() throws Exception {
		String customerId = newCustomerId();
		String first = newSku();
		String second = newSku();
		downstream.unknownCustomer(customerId);
		downstream.unknownSku(first);
		downstream.skuIn(second, "GBP");

		place(newIdempotencyKey(), placeOrderBody(customerId, "EUR", first, 1, newSku(), 1, second, 1))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field").value(contains("customerId", "items[0].sku", "items[2].sku")));
	}

	@Test
	void placingIsAcceptedUncheckedWhenInventoryFails() throws Exception {
		String customerId = newCustomerId();
		String failing = newSku();
		downstream.failingSku(failing);

		place(newIdempotencyKey(), placeOrderBody(customerId, "EUR", failing, 1)).andExpect(status().isAccepted());

		assertThat(count("select count(*) from orders where customer_id = ?", customerId)).isOne();
	}

	@Test
	void placingIsAcceptedUncheckedWhenPaymentIsTooSlow() throws Exception {
		String customerId = newCustomerId();
		downstream.slowCustomer(customerId, Duration.ofSeconds(3));
		long started = System.nanoTime();

		place(newIdempotencyKey(), placeOrderBody(customerId)).andExpect(status().isAccepted());

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
		assertThat(count("select count(*) from orders where customer_id = ?", customerId)).isOne();
	}

	@Test
	void aSecondOrderForWhatWasJustFoundAsksNoOneAgain() throws Exception {
		String customerId = newCustomerId();
		String sku = newSku();
		place(newIdempotencyKey(), placeOrderBody(customerId, "EUR", sku, 1)).andExpect(status().isAccepted());

		place(newIdempotencyKey(), placeOrderBody(customerId, "EUR", sku, 2)).andExpect(status().isAccepted());

		assertThat(downstream.productRequests(sku)).isOne();
		assertThat(downstream.accountRequests(customerId)).isOne();
	}

	@Test
	void anUnknownSkuIsAskedForAgainSoItCanBeOrderedOnceItExists() throws Exception {
		String customerId = newCustomerId();
		String sku = newSku();
		String key = newIdempotencyKey();
		String body = placeOrderBody(customerId, "EUR", sku, 1);
		downstream.unknownSku(sku);
		place(key, body).andExpect(status().isUnprocessableContent());

		downstream.skuIn(sku, "EUR");

		place(key, body).andExpect(status().isAccepted());
		assertThat(downstream.productRequests(sku)).isEqualTo(2);
	}

	@Test
	void retryingAnAcceptedOrderAnswersWithItEvenIfItsSkuIsGoneSince() throws Exception {
		String customerId = newCustomerId();
		String sku = newSku();
		String key = newIdempotencyKey();
		String body = placeOrderBody(customerId, "EUR", sku, 1);
		// accepted unchecked, so no answer about the sku is remembered
		downstream.failingSku(sku);
		String orderId = placedOrderId(place(key, body));
		downstream.unknownSku(sku);
		int asked = downstream.productRequests(sku);

		place(key, body).andExpect(status().isAccepted()).andExpect(jsonPath("$.orderId").value(orderId));

		assertThat(downstream.productRequests(sku)).isEqualTo(asked);
		place(newIdempotencyKey(), body).andExpect(status().isUnprocessableContent());
	}

	@Test
	void asksWithTheCallersOwnToken() throws Exception {
		String customerId = newCustomerId();
		String sku = newSku();
		String token = issuer.customer(customerId);

		this.mvc
			.perform(post("/orders").with(withToken(token))
				.header(OrderController.IDEMPOTENCY_KEY, newIdempotencyKey())
				.contentType(MediaType.APPLICATION_JSON)
				.content(placeOrderBody(customerId, "EUR", sku, 1)))
			.andExpect(status().isAccepted());

		assertThat(downstream.accountAuthorization(customerId)).isEqualTo("Bearer " + token);
		assertThat(downstream.productAuthorization(sku)).isEqualTo("Bearer " + token);
	}

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

	/** Neither an order nor an OrderPlaced in the outbox: the saga never hears of it. */
	private static void assertNothingStoredFor(String customerId) throws SQLException {
		assertThat(count("select count(*) from orders where customer_id = ?", customerId)).isZero();
		assertThat(count("select count(*) from outbox where position(? in payload) > 0", customerId)).isZero();
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
