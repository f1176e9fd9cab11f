package com.example.orderflow.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A plain HTTP server standing in for a service behind the gateway: records what it
 * received and answers {@code 200 {}} unless told otherwise for a path.
 */
public final class FakeService implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final Map<String, Answer> answers = new ConcurrentHashMap<>();

	private final Map<String, Queue<Answer>> nextAnswers = new ConcurrentHashMap<>();

	private FakeService() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	public static FakeService start() {
		return new FakeService();
	}

	/**
	 * The URL of a port nothing listens on: connections are refused, like a service that
	 * is down.
	 */
	public static String unreachableUrl() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return "http://127.0.0.1:" + socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Points every route of the gateway under test at this one service. */
	public void registerAsEveryService(DynamicPropertyRegistry registry) {
		for (String url : new String[] { "ORDER_SERVICE_URL", "ORCHESTRATOR_URL", "INVENTORY_SERVICE_URL",
				"PAYMENT_SERVICE_URL" }) {
			registry.add(url, this::url);
		}
	}

	/** A client of the gateway under test, patient enough for the slow answers here. */
	public static WebTestClient gatewayClient(int port) {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(Duration.ofSeconds(10))
			.build();
	}

	/**
	 * A client of the gateway under test that sends the bearer token on every request.
	 */
	public static WebTestClient gatewayClient(int port, String token) {
		return gatewayClient(port).mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token).build();
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public FakeService answer(String path, int status, String contentType, String body) {
		return answer(path, status, contentType, body, Map.of());
	}

	public FakeService answer(String path, int status, String contentType, String body, Map<String, String> headers) {
		this.answers.put(path, new Answer(status, contentType, body, headers, Duration.ZERO));
		return this;
	}

	/**
	 * Answers the next {@code times} requests for the path with the status, then goes
	 * back to the path's usual answer.
	 */
	public FakeService answerNext(String path, int times, int status) {
		Queue<Answer> queue = this.nextAnswers.computeIfAbsent(path, (key) -> new ConcurrentLinkedQueue<>());
		for (int i = 0; i < times; i++) {
			queue.add(new Answer(status, "application/json", "{}", Map.of(), Duration.ZERO));
		}
		return this;
	}

	public FakeService answerSlowly(String path, Duration delay) {
		this.answers.put(path, new Answer(200, "application/json", "{}", Map.of(), delay));
		return this;
	}

	public List<Received> received() {
		return List.copyOf(this.received);
	}

	public List<String> receivedPaths() {
		return this.received.stream().map(Received::path).toList();
	}

	public void reset() {
		this.received.clear();
		this.nextAnswers.clear();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getRawPath();
			byte[] requestBody = exchange.getRequestBody().readAllBytes();
			this.received.add(new Received(exchange.getRequestMethod(), path, exchange.getRequestHeaders(),
					new String(requestBody, StandardCharsets.UTF_8), System.nanoTime()));
			Queue<Answer> next = this.nextAnswers.get(path);
			Answer answer = (next != null) ? next.poll() : null;
			if (answer == null) {
				answer = this.answers.getOrDefault(path,
						new Answer(200, "application/json", "{}", Map.of(), Duration.ZERO));
			}
			if (!answer.delay().isZero()) {
				Thread.sleep(answer.delay());
			}
			byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", answer.contentType());
			answer.headers().forEach(exchange.getResponseHeaders()::add);
			exchange.sendResponseHeaders(answer.status(), body.length);
			exchange.getResponseBody().write(body);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A request as the service saw it.
	 *
	 * @param method the method
	 * @param path the raw path
	 * @param headers the headers
	 * @param body the body as text
	 * @param nanoTime when it arrived, as {@link System#nanoTime()}
	 */
	public record Received(String method, String path, Headers headers, String body, long nanoTime) {

		public String header(String name) {
			return this.headers.getFirst(name);
		}

	}

	private record Answer(int status, String contentType, String body, Map<String, String> headers, Duration delay) {

	}

	/**
	 * Accepts connections and closes them without answering, like a service that crashes
	 * mid-request.
	 */
	public static final class HangUp implements AutoCloseable {

		private final ServerSocket socket;

		private HangUp() {
			try {
				this.socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Thread.ofVirtual().start(this::acceptAndClose);
		}

		public static HangUp start() {
			return new HangUp();
		}

		public String url() {
			return "http://127.0.0.1:" + this.socket.getLocalPort();
		}

		private void acceptAndClose() {
			while (!this.socket.isClosed()) {
				try (Socket connection = this.socket.accept()) {
					InputStream in = connection.getInputStream();
					in.read(new byte[8192]);
				}
				catch (IOException ex) {
					// closed while waiting: the test is over
				}
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
