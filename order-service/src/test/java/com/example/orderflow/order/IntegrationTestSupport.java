package com.example.orderflow.order;

import java.util.UUID;

import com.example.orderflow.messaging.test.TestDatabase;
import com.example.orderflow.messaging.test.TestKafka;
import com.example.orderflow.servicesecurity.test.TestIssuer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The one application context every integration test shares: the whole service on a
 * database of its own on the local PostgreSQL server and the JVM's embedded Kafka broker.
 * Sharing it keeps the suite fast and means exactly one listener consumes the commands
 * the tests send. Tests use fresh order ids, customers and skus, since they share the
 * data. inventory-service and payment-service are faked, and by default know every sku
 * and customer, in euros. Tokens come from a stand-in issuer, whose keys the service
 * fetches over HTTP as it would the real one's.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
public abstract class IntegrationTestSupport {

	protected static final TestDatabase database = TestDatabase.create("orders");

	protected static final FakeDownstream downstream = FakeDownstream.start();

	protected static final TestIssuer issuer = TestIssuer.shared();

	private static final String CONSUMER_GROUP = "order-service-test-" + UUID.randomUUID();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		database.register(registry);
		TestIssuer.register(registry);
		registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
		// the assertions read what went into the outbox: keep published rows
		registry.add("messaging.outbox.retention", () -> "1h");
		registry.add("spring.kafka.consumer.group-id", () -> CONSUMER_GROUP);
		registry.add("order.downstream.inventory-url", downstream::url);
		registry.add("order.downstream.payment-url", downstream::url);
	}

	/** A request with a customer's token. */
	protected static RequestPostProcessor asCustomer(String customerId) {
		return withToken(issuer.customer(customerId));
	}

	/** A request with the tools' operator token. */
	protected static RequestPostProcessor asOperator() {
		return withToken(issuer.operator());
	}

	protected static RequestPostProcessor withToken(String token) {
		return (request) -> {
			request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
			return request;
		};
	}

}
