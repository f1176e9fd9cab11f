package com.example.orderflow.order.catalog;

import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param inventoryUrl base URL of inventory-service, which knows the products
 * @param paymentUrl base URL of payment-service, which knows the customers' accounts
 * @param connectTimeout how long to wait for a connection to either
 * @param readTimeout how long to wait for an answer once connected; short, because a
 * client waits for its order meanwhile and the saga checks everything again anyway
 * @param cacheTtl how long a product or account that was found is believed to still exist
 * with the same currency; zero turns the cache off
 * @param cacheMaxEntries how many found products and accounts each cache keeps at most
 */
@ConfigurationProperties("order.downstream")
record DownstreamProperties(String inventoryUrl, String paymentUrl, @DefaultValue("500ms") Duration connectTimeout,
		@DefaultValue("1s") Duration readTimeout, @DefaultValue("30s") Duration cacheTtl,
		@DefaultValue("10000") int cacheMaxEntries) {

	DownstreamProperties {
		Objects.requireNonNull(inventoryUrl, "order.downstream.inventory-url");
		Objects.requireNonNull(paymentUrl, "order.downstream.payment-url");
		requirePositive(connectTimeout, "connect-timeout");
		requirePositive(readTimeout, "read-timeout");
		if (cacheTtl.isNegative()) {
			throw new IllegalArgumentException("order.downstream.cache-ttl must not be negative, was " + cacheTtl);
		}
		if (cacheMaxEntries < 1) {
			throw new IllegalArgumentException(
					"order.downstream.cache-max-entries must be positive, was " + cacheMaxEntries);
		}
	}

	private static void requirePositive(Duration duration, String name) {
		if (duration.isZero() || duration.isNegative()) {
			throw new IllegalArgumentException("order.downstream." + name + " must be positive, was " + duration);
		}
	}

}
