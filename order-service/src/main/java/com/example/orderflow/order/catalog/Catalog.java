package com.example.orderflow.order.catalog;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Optional;

import com.example.orderflow.servicesecurity.BearerTokenRelay;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Asks inventory-service about products and payment-service about accounts, with the
 * caller's token ({@link BearerTokenRelay}). Never throws: a service that cannot answer
 * yields {@link Lookup.Unavailable}.
 */
@Component
public class Catalog {

	private final Downstream products;

	private final Downstream accounts;

	/**
	 * @param builder Boot's, so the calls are observed (metrics, trace propagation) and
	 * read with the application's JSON settings
	 */
	Catalog(RestClient.Builder builder, DownstreamProperties properties) {
		ClientHttpRequestFactory requestFactory = ClientHttpRequestFactoryBuilder.jdk()
			// The JDK client would otherwise offer an h2c upgrade on every plain-text
			// request, which Tomcat ignores anyway.
			.withHttpClientCustomizer((client) -> client.version(HttpClient.Version.HTTP_1_1))
			.build(HttpClientSettings.defaults().withTimeouts(properties.connectTimeout(), properties.readTimeout()));
		BearerTokenRelay relay = new BearerTokenRelay();
		this.products = new Downstream("inventory-service", "product", "/products/{sku}",
				builder.clone()
					.baseUrl(properties.inventoryUrl())
					.requestFactory(requestFactory)
					.requestInterceptor(relay)
					.build(),
				new ExpiringCache(properties.cacheTtl(), properties.cacheMaxEntries(), Clock.systemUTC()));
		this.accounts = new Downstream("payment-service", "customer", "/accounts/{customerId}",
				builder.clone()
					.baseUrl(properties.paymentUrl())
					.requestFactory(requestFactory)
					.requestInterceptor(relay)
					.build(),
				new ExpiringCache(properties.cacheTtl(), properties.cacheMaxEntries(), Clock.systemUTC()));
	}

	/**
	 * The product as found a short while ago, without a call: empty if not remembered.
	 */
	public Optional<Lookup> rememberedProduct(String sku) {
		return this.products.remembered(sku);
	}

	/**
	 * The account as found a short while ago, without a call: empty if not remembered.
	 */
	public Optional<Lookup> rememberedAccount(String customerId) {
		return this.accounts.remembered(customerId);
	}

	public Lookup product(String sku) {
		return this.products.lookUp(sku);
	}

	public Lookup account(String customerId) {
		return this.accounts.lookUp(customerId);
	}

}
