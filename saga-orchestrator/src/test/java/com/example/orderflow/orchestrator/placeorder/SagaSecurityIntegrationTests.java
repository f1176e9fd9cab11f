package com.example.orderflow.orchestrator.placeorder;

import java.net.URI;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.example.orderflow.contracts.InventoryCommand.ReserveStock;
import com.example.orderflow.contracts.OrderEvent.OrderPlaced;
import com.example.orderflow.contracts.Topics;
import com.example.orderflow.messaging.test.TestDatabase;
import com.example.orderflow.messaging.test.TestKafka;
import com.example.orderflow.servicesecurity.test.TestIssuer;
import com.example.orderflow.webproblems.test.HostileValues;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static com.example.orderflow.orchestrator.placeorder.SagaFixtures.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may read, list and retry which sagas, over real HTTP against the real filter chain,
 * PostgreSQL and Kafka, with tokens checked against a JWK set fetched over HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
// a cached context would stay in the consumer group and take other tests' messages
@DirtiesContext
class SagaSecurityIntegrationTests {

	static final TestDatabase database = TestDatabase.create("orchestrator");

	static final TestIssuer issuer = TestIssuer.shared();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		TestIssuer.register(registry);
		registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
	}

	@Value("${local.server.port}")
	int port;

	final Participants participants = new Participants();

	/** A saga of alice's, waiting for its stock to be reserved. */
	OrderPlaced alices;

	@BeforeEach
	void startAlicesSaga() {
		this.alices = orderPlaced();
		this.participants.publishAs(SagaFixtures.CUSTOMER, Topics.ORDER_EVENTS, this.alices);
		this.participants.awaitCommand(ReserveStock.class, this.alices);
	}

	@AfterEach
	void close() {
		this.participants.close();
	}

	@Test
	void refusesEveryEndpointWithoutAValidToken() {
		String sagaPath = "/sagas/" + this.alices.orderId();
		for (String badToken : new String[] { null, issuer.token().expiredAgo(Duration.ofMinutes(5)).sign(),
				issuer.token().forge(), issuer.token().unsigned(), issuer.token().audience("another-api").sign() }) {
			RestClient client = (badToken != null) ? Api.withToken(this.port, badToken) : Api.withoutToken(this.port);
			for (ResponseEntity<String> response : List.of(exchange(client, HttpMethod.GET, sagaPath),
					exchange(client, HttpMethod.GET, "/sagas?state=PARKED"),
					exchange(client, HttpMethod.POST, sagaPath + "/retry"))) {
				assertThat(response.getStatusCode().value()).as(String.valueOf(badToken)).isEqualTo(401);
				assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
				assertThat(response.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
			}
		}
	}

	@Test
	void aCustomerReadsTheirOwnSagaAndAnotherCustomersLooksExactlyLikeOneThatDoesNotExist() {
		String missing = UUID.randomUUID().toString();
		String alices = this.alices.orderId().toString();
		RestClient bob = Api.asCustomer(this.port, "bob");

		ResponseEntity<String> notHis = exchange(bob, HttpMethod.GET, "/sagas/" + alices);
		ResponseEntity<String> none = exchange(bob, HttpMethod.GET, "/sagas/" + missing);

		assertThat(notHis.getStatusCode().value()).isEqualTo(404);
		assertThat(notHis.getHeaders().getContentType()).isEqualTo(none.getHeaders().getContentType());
		assertThat(notHis.getBody().replace(alices, "ID")).isEqualTo(none.getBody().replace(missing, "ID"));
		assertThat(exchange(Api.asCustomer(this.port, SagaFixtures.CUSTOMER), HttpMethod.GET, "/sagas/" + alices)
			.getStatusCode()
			.value()).isEqualTo(200);
		assertThat(exchange(Api.asOperator(this.port), HttpMethod.GET, "/sagas/" + alices).getStatusCode().value())
			.isEqualTo(200);
	}

	@Test
	void onlyOperatorsListSagas() {
		ResponseEntity<String> refused = exchange(Api.asCustomer(this.port, SagaFixtures.CUSTOMER), HttpMethod.GET,
				"/sagas?state=RESERVING_STOCK");

		assertThat(refused.getStatusCode().value()).isEqualTo(403);
		assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(refused.getBody()).doesNotContain(this.alices.orderId().toString());
		List<Map<String, Object>> listed = Api.asOperator(this.port)
			.get()
			.uri("/sagas?state=RESERVING_STOCK")
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(listed).extracting((saga) -> saga.get("orderId")).contains(this.alices.orderId().toString());
	}

	@Test
	void onlyOperatorsRetryAndARefusedRetryChangesNothing() {
		String retry = "/sagas/" + this.alices.orderId() + "/retry";
		List<?> historyBefore = history();

		ResponseEntity<String> refused = exchange(Api.asCustomer(this.port, SagaFixtures.CUSTOMER), HttpMethod.POST,
				retry);

		assertThat(refused.getStatusCode().value()).isEqualTo(403);
		assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(history()).isEqualTo(historyBefore);
		assertThat(this.participants.commandsFor(this.alices, Duration.ofMillis(500))).isOne();
		assertThat(exchange(Api.asOperator(this.port), HttpMethod.POST, retry).getStatusCode().value())
			.as("allowed, and changes nothing, since the saga is not parked")
			.isEqualTo(200);
	}

	@Test
	void leavesTheApiDescriptionOpenAndDeclaresTheBearerToken() {
		Map<String, Object> docs = Api.withoutToken(this.port)
			.get()
			.uri("/v3/api-docs")
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});

		assertThat(docs).extractingByKey("components")
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.extractingByKey("securitySchemes")
			.asString()
			.contains("bearerAuth", "bearer", "JWT");
		String paths = docs.get("paths").toString();
		assertThat(paths).doesNotContain("name=caller", "name=operator");
		assertThat(paths).contains("200={description=The saga, content={application/json={schema=");
	}

	private List<?> history() {
		Map<String, Object> saga = Api.asOperator(this.port)
			.get()
			.uri("/sagas/{orderId}", this.alices.orderId())
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		return (List<?>) saga.get("history");
	}

	/**
	 * Generated hostile input (see {@link HostileValues}) in every path and parameter of
	 * the API, as an operator: always a 2xx or a 4xx problem, never a 5xx, and the saga
	 * that is running stays where it was (retrying it changes nothing: it is not parked).
	 */
	@Test
	void generatedHostilePathsAndParametersAreAnsweredWithProblems() {
		RestClient operator = Api.asOperator(this.port);
		Iterator<String> texts = HostileValues.texts(this.alices.orderId().toString(), "PARKED");
		Iterator<String> numbers = HostileValues.numbers();
		for (int i = 0; i < 150; i++) {
			String text = texts.next();
			String path = switch (i % 3) {
				case 0 -> "/sagas/" + HostileValues.pathSegment(text);
				case 1 -> "/sagas?state=" + HostileValues.queryParam(text) + "&limit="
						+ HostileValues.queryParam(numbers.next());
				default -> "/sagas/" + HostileValues.pathSegment(text) + "/retry";
			};
			HttpMethod method = (i % 3 == 2) ? HttpMethod.POST : HttpMethod.GET;

			ResponseEntity<String> response = operator.method(method)
				.uri(URI.create("http://localhost:" + this.port + path))
				.retrieve()
				.onStatus((status) -> true, (request, answer) -> {
				})
				.toEntity(String.class);

			HostileValues.refusedAsAProblem(response.getStatusCode().value(),
					Objects.toString(response.getHeaders().getContentType(), null), method + " " + path);
		}
		assertThat(exchange(operator, HttpMethod.GET, "/sagas/" + this.alices.orderId()).getBody())
			.contains("\"state\":\"RESERVING_STOCK\"");
	}

	private static ResponseEntity<String> exchange(RestClient client, HttpMethod method, String path) {
		return client.method(method).uri(path).retrieve().onStatus((status) -> true, (request, response) -> {
		}).toEntity(String.class);
	}

}
