package com.example.orderflow.order;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * inventory-service's {@code GET /products/{sku}} and payment-service's {@code GET
 * /accounts/{customerId}} on one local port. Every sku and every customer exists in euros
 * unless a test says otherwise, so tests that do not care about the check need not set
 * anything up; tests use fresh skus and customers, since the server is shared by the JVM.
 */
public final class FakeDownstream implements AutoCloseable {

	private static final String PRODUCTS = "/products/";

	private static final String ACCOUNTS = "/accounts/";

	private final HttpServer server;

	private final Map<String, Answer> answers = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

	private final Map<String, String> authorizations = new ConcurrentHashMap<>();

	private FakeDownstream(HttpServer server) {
		this.server = server;
	}

	public static FakeDownstream start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			FakeDownstream fake = new FakeDownstream(server);
			server.createContext("/", fake::handle);
			// virtual threads: a hanging answer blocks nothing else, and none keeps the
			// JVM alive
			server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
			server.start();
			return fake;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String url() {
		return "http://" + this.server.getAddress().getHostString() + ":" + this.server.getAddress().getPort();
	}

	public void unknownSku(String sku) {
		this.answers.put(PRODUCTS + sku, new Answer.NotFound());
	}

	public void unknownCustomer(String customerId) {
		this.answers.put(ACCOUNTS + customerId, new Answer.NotFound());
	}

	public void skuIn(String sku, String currency) {
		this.answers.put(PRODUCTS + sku, new Answer.Exists(currency));
	}

	public void customerIn(String customerId, String currency) {
		this.answers.put(ACCOUNTS + customerId, new Answer.Exists(currency));
	}

	/** inventory-service answers 503 for this sku. */
	public void failingSku(String sku) {
		this.answers.put(PRODUCTS + sku, new Answer.Raw(503, "application/problem+json", "{\"status\":503}"));
	}

	/** inventory-service refuses the sku itself: not one it could ever have. */
	public void refusedSku(String sku) {
		this.answers.put(PRODUCTS + sku, new Answer.Raw(400, "application/problem+json", "{\"status\":400}"));
	}

	/** inventory-service answers 200 for this sku with a body that is not a product. */
	public void garbledSku(String sku) {
		this.answers.put(PRODUCTS + sku, new Answer.Raw(200, "application/json", "{\"currency\":"));
	}

	/** payment-service answers for this customer only after {@code delay}. */
	public void slowCustomer(String customerId, Duration delay) {
		this.answers.put(ACCOUNTS + customerId, new Answer.Slow(delay, new Answer.Exists("EUR")));
	}

	public int productRequests(String sku) {
		return requests(PRODUCTS + sku);
	}

	public int accountRequests(String customerId) {
		return requests(ACCOUNTS + customerId);
	}

	/** The Authorization header of the last request for this sku, or "none". */
	public String productAuthorization(String sku) {
		return this.authorizations.getOrDefault(PRODUCTS + sku, "none");
	}

	/** The Authorization header of the last request for this account, or "none". */
	public String accountAuthorization(String customerId) {
		return this.authorizations.getOrDefault(ACCOUNTS + customerId, "none");
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private int requests(String path) {
		AtomicInteger count = this.requests.get(path);
		return (count != null) ? count.get() : 0;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			this.requests.computeIfAbsent(path, (p) -> new AtomicInteger()).incrementAndGet();
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			this.authorizations.put(path, (authorization != null) ? authorization : "none");
			if (!exchange.getRequestMethod().equals("GET")
					|| !(path.startsWith(PRODUCTS) || path.startsWith(ACCOUNTS))) {
				respond(exchange, 404, "application/problem+json", "{\"status\":404}");
				return;
			}
			answer(exchange, path, this.answers.getOrDefault(path, new Answer.Exists("EUR")));
		}
	}

	private void answer(HttpExchange exchange, String path, Answer answer) throws IOException {
		switch (answer) {
			case Answer.Exists exists -> respond(exchange, 200, "application/json", bodyOf(path, exists.currency()));
			case Answer.NotFound notFound -> respond(exchange, 404, "application/problem+json",
					"{\"title\":\"Not Found\",\"status\":404,\"detail\":\"no such thing\"}");
			case Answer.Raw raw -> respond(exchange, raw.status(), raw.contentType(), raw.body());
			case Answer.Slow slow -> {
				try {
					Thread.sleep(slow.delay());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				answer(exchange, path, slow.then());
			}
		}
	}

	/** The whole resource, as the real services send it. */
	private static String bodyOf(String path, String currency) {
		if (path.startsWith(PRODUCTS)) {
			String sku = path.substring(PRODUCTS.length());
			return """
					{"sku":"%s","name":"Product %s","unitPrice":4500,"currency":"%s","onHand":10,"reserved":0,
					 "available":10}""".formatted(sku, sku, currency);
		}
		return """
				{"customerId":"%s","currency":"%s","balance":100000}""".formatted(path.substring(ACCOUNTS.length()),
				currency);
	}

	private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	private sealed interface Answer {

		record Exists(String currency) implements Answer {

		}

		record NotFound() implements Answer {

		}

		record Raw(int status, String contentType, String body) implements Answer {

		}

		record Slow(Duration delay, Answer then) implements Answer {

		}

	}

}
