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
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's public API, as much of it as the benchmark and the chaos drills need, as
 * the tools client: an operator, acting for the customers it invents.
 */
public final class Shop {

	static final String[] SKUS = { "SKU-BENCH-A", "SKU-BENCH-B", "SKU-BENCH-C" };

	static final int CUSTOMERS = 50;

	private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.executor(Executors.newFixedThreadPool(4))
		.build();

	private final String gateway;

	private final Supplier<String> token;

	/**
	 * @param gateway the gateway's base URL
	 * @param token the bearer token each request carries
	 */
	public Shop(String gateway, Supplier<String> token) {
		this.gateway = gateway;
		this.token = token;
	}

	/** Plenty of stock and money, so every benchmark saga runs the full happy path. */
	void prepare() throws IOException, InterruptedException {
		for (int i = 0; i < SKUS.length; i++) {
			putProduct(SKUS[i], "Benchmark item " + i, 100L * (i + 1), 1_000_000_000);
		}
		for (int i = 1; i <= CUSTOMERS; i++) {
			deposit("bench-" + i, 1_000_000_000_000L);
		}
	}

	/** Creates the product or sets its whole state (PUT is idempotent). */
	public void putProduct(String sku, String name, long unitPrice, int onHand)
			throws IOException, InterruptedException {
		send("PUT", "/api/products/" + sku, """
				{"name":"%s","unitPrice":%d,"currency":"EUR","onHand":%d}
				""".formatted(name, unitPrice, onHand));
	}

	/** Opens the account if it is new. */
	public void deposit(String customerId, long amount) throws IOException, InterruptedException {
		send("POST", "/api/accounts/" + customerId + "/deposits",
				"{\"amount\":%d,\"currency\":\"EUR\"}".formatted(amount));
	}

	/** Posts one order; completes with its id, or with null if the gateway refused it. */
	CompletableFuture<String> placeOrder() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		String body = """
				{"customerId":"bench-%d","currency":"EUR","items":[{"sku":"%s","quantity":%d}]}
				""".formatted(1 + random.nextInt(CUSTOMERS), SKUS[random.nextInt(SKUS.length)], 1 + random.nextInt(3));
		return post(body).thenApply(Answer::orderId);
	}

	/**
	 * Posts one order, with a fresh idempotency key; completes with what the gateway
	 * answered, never exceptionally.
	 */
	public CompletableFuture<Answer> post(String orderJson) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.gateway + "/api/orders"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.header("Authorization", "Bearer " + this.token.get())
			.POST(HttpRequest.BodyPublishers.ofString(orderJson))
			.build();
		return this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply((response) -> {
			Matcher matcher = ORDER_ID.matcher(response.body());
			boolean accepted = response.statusCode() == 202 && matcher.find();
			return new Answer(response.statusCode(), accepted ? matcher.group(1) : null);
		}).exceptionally((failure) -> new Answer(0, null));
	}

	private void send(String method, String path, String json) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.gateway + path))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + this.token.get())
			.method(method, HttpRequest.BodyPublishers.ofString(json))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() >= 300) {
			throw new IllegalStateException(
					method + " " + path + " answered " + response.statusCode() + ": " + response.body());
		}
	}

	/**
	 * @param status the HTTP status, 0 when no answer came (refused connection, time-out)
	 * @param orderId the placed order's id when the gateway accepted it (202), else null
	 */
	public record Answer(int status, String orderId) {

		public boolean accepted() {
			return this.orderId != null;
		}

	}

}
