package com.example.orderflow.order.catalog;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;

import com.example.orderflow.order.FakeDownstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static com.example.orderflow.order.catalog.CatalogFixtures.newCustomerId;
import static com.example.orderflow.order.catalog.CatalogFixtures.newSku;
import static com.example.orderflow.order.catalog.CatalogFixtures.properties;
import static org.assertj.core.api.Assertions.assertThat;

class CatalogTests {

	private static FakeDownstream downstream;

	private final Catalog catalog = new Catalog(RestClient.builder(), properties(downstream.url()));

	@BeforeAll
	static void startDownstream() {
		downstream = FakeDownstream.start();
	}

	@AfterAll
	static void stopDownstream() {
		downstream.close();
	}

	@Test
	void findsAProductWithItsCurrency() {
		String sku = newSku();
		downstream.skuIn(sku, "USD");

		assertThat(this.catalog.product(sku)).isEqualTo(new Lookup.Found("USD"));
	}

	@Test
	void findsAnAccountWithItsCurrency() {
		String customerId = newCustomerId();
		downstream.customerIn(customerId, "GBP");

		assertThat(this.catalog.account(customerId)).isEqualTo(new Lookup.Found("GBP"));
		assertThat(downstream.accountRequests(customerId)).isOne();
	}

	@Test
	void remembersWhatItFoundSoItAsksOnlyOnce() {
		String sku = newSku();
		String customerId = newCustomerId();

		for (int i = 0; i < 3; i++) {
			assertThat(this.catalog.product(sku)).isEqualTo(new Lookup.Found("EUR"));
			assertThat(this.catalog.account(customerId)).isEqualTo(new Lookup.Found("EUR"));
		}

		assertThat(downstream.productRequests(sku)).isOne();
		assertThat(downstream.accountRequests(customerId)).isOne();
	}

	@Test
	void asksAgainAfterTheTtl() throws InterruptedException {
		Catalog forgetful = new Catalog(RestClient.builder(),
				properties(downstream.url(), Duration.ofSeconds(1), Duration.ofMillis(50)));
		String sku = newSku();
		forgetful.product(sku);

		Thread.sleep(100);
		forgetful.product(sku);

		assertThat(downstream.productRequests(sku)).isEqualTo(2);
	}

	@Test
	void aProductNotFoundIsNotFoundAndNotRemembered() {
		String sku = newSku();
		downstream.unknownSku(sku);
		assertThat(this.catalog.product(sku)).isEqualTo(new Lookup.NotFound());

		downstream.skuIn(sku, "EUR");

		assertThat(this.catalog.product(sku)).isEqualTo(new Lookup.Found("EUR"));
		assertThat(downstream.productRequests(sku)).isEqualTo(2);
	}

	@Test
	void anAccountNotFoundIsNotFound() {
		String customerId = newCustomerId();
		downstream.unknownCustomer(customerId);

		assertThat(this.catalog.account(customerId)).isEqualTo(new Lookup.NotFound());
	}

	@Test
	void sendsTheSkuAsOnePathSegmentWhateverItContains() {
		String sku = "a b/c?d#e%ü-" + UUID.randomUUID();
		downstream.skuIn(sku, "CHF");

		assertThat(this.catalog.product(sku)).isEqualTo(new Lookup.Found("CHF"));
	}

	@Test
	void aSkuTheOwnerRefusesAsMalformedIsNotFoundNotAnOutage() {
		String sku = newSku();
		downstream.refusedSku(sku);

		assertThat(this.catalog.product(sku)).isEqualTo(new Lookup.NotFound());
	}

	@Test
	void aServerErrorIsUnavailableAndNotRemembered() {
		String sku = newSku();
		downstream.failingSku(sku);

		assertThat(this.catalog.product(sku)).isInstanceOf(Lookup.Unavailable.class);
		assertThat(this.catalog.product(sku)).isInstanceOf(Lookup.Unavailable.class);
		assertThat(downstream.productRequests(sku)).isEqualTo(2);
	}

	@Test
	void anAnswerThatIsNotAProductIsUnavailable() {
		String sku = newSku();
		downstream.garbledSku(sku);

		assertThat(this.catalog.product(sku)).isInstanceOf(Lookup.Unavailable.class);
	}

	@Test
	void aSlowAnswerIsUnavailableAfterTheReadTimeout() {
		Catalog impatient = new Catalog(RestClient.builder(),
				properties(downstream.url(), Duration.ofMillis(200), Duration.ofSeconds(30)));
		String customerId = newCustomerId();
		downstream.slowCustomer(customerId, Duration.ofSeconds(2));

		long started = System.nanoTime();
		Lookup lookup = impatient.account(customerId);

		assertThat(lookup).isInstanceOf(Lookup.Unavailable.class);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void aServiceThatRefusesConnectionsIsUnavailable() throws IOException {
		Catalog disconnected = new Catalog(RestClient.builder(), properties("http://127.0.0.1:" + unusedPort()));

		Lookup product = disconnected.product(newSku());
		Lookup account = disconnected.account(newCustomerId());

		assertThat(product).isInstanceOf(Lookup.Unavailable.class);
		assertThat(((Lookup.Unavailable) product).reason()).contains("ConnectException");
		assertThat(account).isInstanceOf(Lookup.Unavailable.class);
	}

	private static int unusedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
