package com.example.orderflow.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The gateway's public API, as much of it as the benchmark needs. */
final class Shop {

	static final String[] SKUS = { "SKU-BENCH-A", "SKU-BENCH-B", "SKU-BENCH-C" };

	static final int CUSTOMERS = 50;

	private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.executor(Executors.newFixedThreadPool(4))
		.build();

	private final String gateway;

	Shop(String gateway) {
		this.gateway = gateway;
	}

	/** Plenty of stock and money, so every benchmark saga runs the full happy path. */
	void prepare() throws IOException, InterruptedException {
		for (int i = 0; i < SKUS.length; i++) {
			send("PUT", "/api/products/" + SKUS[i], """
					{"name":"Benchmark item %d","unitPrice":%d,"currency":"EUR","onHand":1000000000}
					""".formatted(i, 100 * (i + 1)));
		}
		for (int i = 1; i <= CUSTOMERS; i++) {
			send("POST", "/api/accounts/bench-" + i + "/deposits", "{\"amount\":1000000000000,\"currency\":\"EUR\"}");
		}
	}

	/** Posts one order; completes with its id, or with null if the gateway refused it. */
	CompletableFuture<String> placeOrder() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		String body = """
				{"customerId":"bench-%d","currency":"EUR","items":[{"sku":"%s","quantity":%d}]}
				""".formatted(1 + random.nextInt(CUSTOMERS), SKUS[random.nextInt(SKUS.length)], 1 + random.nextInt(3));
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.gateway + "/api/orders"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply((response) -> {
			if (response.statusCode() != 202) {
				return null;
			}
			Matcher matcher = ORDER_ID.matcher(response.body());
			return matcher.find() ? matcher.group(1) : null;
		}).exceptionally((failure) -> null);
	}

	private void send(String method, String path, String json) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.gateway + path))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(json))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() >= 300) {
			throw new IllegalStateException(
					method + " " + path + " answered " + response.statusCode() + ": " + response.body());
		}
	}

}
