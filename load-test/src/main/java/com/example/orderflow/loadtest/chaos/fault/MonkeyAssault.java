package com.example.orderflow.loadtest.chaos.fault;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.example.orderflow.loadtest.chaos.audit.Check;
import com.example.orderflow.loadtest.chaos.audit.PrometheusText;
import com.example.orderflow.loadtest.chaos.audit.StateReader;
import com.example.orderflow.loadtest.chaos.audit.StateReader.Endpoints;
import com.example.orderflow.loadtest.chaos.report.Timeline;
import com.example.orderflow.loadtest.chaos.report.Timeline.Kind;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chaos Monkey for Spring Boot inside the services, switched on through each one's
 * actuator: about one call in {@code level} where a request or a Kafka batch enters the
 * service (the methods its chaos profile watches) is delayed or fails with an exception.
 * Healing switches the assaults off and disarms the monkey. Only a service started with
 * the chaos profile has the endpoint, so the drill refuses to start without it.
 */
final class MonkeyAssault implements Fault {

	static final String HOW_TO_START = "start the stack with CHAOS_MONKEY=on ./stack up";

	private static final String ENDPOINT = "/actuator/chaosmonkey";

	private static final String DELAYED = "chaos_monkey_assault_latency_count_total";

	private static final String FAILED = "chaos_monkey_assault_exception_count_total";

	/**
	 * Every kind the library has, so a drill never leaves one on that it did not start.
	 */
	private static final Map<String, Object> ALL_OFF = Map.of("latencyActive", false, "exceptionsActive", false,
			"killApplicationActive", false, "memoryActive", false, "cpuActive", false);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final Map<String, String> services;

	private final Assaults assaults;

	// Chaos Monkey's actuator endpoints are for operators
	private final Supplier<String> token;

	private final Set<String> armed = ConcurrentHashMap.newKeySet();

	private volatile boolean checked;

	private volatile Map<String, Tally> assaulted = Map.of();

	/**
	 * @param services base URLs by service name, in the order they are armed
	 */
	MonkeyAssault(Map<String, String> services, Assaults assaults, Supplier<String> token) {
		this.services = new LinkedHashMap<>(services);
		this.assaults = assaults;
		this.token = token;
	}

	/** The four services with the drill's defaults. */
	static MonkeyAssault on(Endpoints endpoints, Supplier<String> token) {
		Map<String, String> services = new LinkedHashMap<>();
		StateReader.SERVICES.forEach((service) -> services.put(service, endpoints.of(service)));
		return new MonkeyAssault(services, Assaults.DEFAULT, token);
	}

	/** Before the load: a drill that cannot inject its fault must not start. */
	@Override
	public void prepare() throws InterruptedException {
		for (Map.Entry<String, String> service : this.services.entrySet()) {
			checkMonkey(service.getKey(), service.getValue());
		}
		this.checked = true;
	}

	@Override
	public void run(Duration length, Timeline timeline) throws Exception {
		if (!this.checked) {
			prepare();
		}
		Map<String, Tally> before = tallies();
		for (Map.Entry<String, String> service : this.services.entrySet()) {
			// armed before asking, so a heal also covers a service that failed half-way
			this.armed.add(service.getKey());
			send(service.getKey(), post(service.getValue() + ENDPOINT + "/assaults", this.assaults.switchedOn()));
			send(service.getKey(), post(service.getValue() + ENDPOINT + "/enable", null));
		}
		timeline.mark(Kind.FAULT_ON,
				"Chaos Monkey on in " + String.join(", ", this.services.keySet()) + ": " + this.assaults.described());
		Thread.sleep(length.toMillis());
		heal();
		timeline.mark(Kind.FAULT_OFF, "Chaos Monkey's assaults off");
		Map<String, Tally> after = tallies();
		Map<String, Tally> difference = new LinkedHashMap<>();
		before.forEach((service, tally) -> difference.put(service, after.get(service).since(tally)));
		this.assaulted = difference;
	}

	/**
	 * Also runs on an interrupted thread (the drill's fault thread when it is stopped):
	 * the HTTP client would refuse to send, and the services would stay assaulted.
	 */
	@Override
	public void heal() {
		boolean interrupted = Thread.interrupted();
		List<String> failed = new ArrayList<>();
		try {
			for (String service : List.copyOf(this.armed)) {
				String base = this.services.get(service);
				try {
					send(service, post(base + ENDPOINT + "/assaults", json.writeValueAsString(ALL_OFF)));
					send(service, post(base + ENDPOINT + "/disable", null));
					this.armed.remove(service);
				}
				catch (IOException | RuntimeException ex) {
					failed.add(service + " (" + ex.getMessage() + ")");
				}
				catch (InterruptedException ex) {
					interrupted = true;
					failed.add(service + " (interrupted)");
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
		if (!failed.isEmpty()) {
			throw new IllegalStateException("could not switch Chaos Monkey off in " + String.join(", ", failed)
					+ ": POST <service>" + ENDPOINT + "/disable does it by hand");
		}
	}

	/**
	 * Chaos Monkey's own counters, which count an assault when it strikes: every service
	 * must have been hit, and each kind switched on must have struck somewhere.
	 */
	@Override
	public Check tookEffect() {
		Map<String, Tally> counted = this.assaulted;
		Tally total = counted.values().stream().reduce(new Tally(0, 0), Tally::plus);
		boolean everyService = !counted.isEmpty()
				&& counted.values().stream().allMatch((tally) -> tally.delayed() + tally.failed() > 0);
		boolean everyKind = (total.delayed() > 0 || !this.assaults.latency())
				&& (total.failed() > 0 || !this.assaults.exceptions());
		String figure = counted.isEmpty() ? "no assault counted: the fault did not run to its end"
				: counted.entrySet()
					.stream()
					.map((entry) -> "%s %.0f delayed, %.0f failed".formatted(entry.getKey(), entry.getValue().delayed(),
							entry.getValue().failed()))
					.collect(Collectors.joining("; ", "", " (Chaos Monkey's " + DELAYED + " and " + FAILED + ")"));
		return Check.of("fault: Chaos Monkey assaulted every service", everyService && everyKind, figure);
	}

	private void checkMonkey(String service, String base) throws InterruptedException {
		HttpResponse<String> status;
		try {
			status = this.http.send(HttpRequest.newBuilder(URI.create(base + ENDPOINT + "/status"))
				.header("Authorization", "Bearer " + this.token.get())
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(
					service + " cannot be reached at " + base + " (" + ex + "): " + HOW_TO_START, ex);
		}
		if (status.statusCode() == 404) {
			throw new IllegalStateException(service + " runs without Chaos Monkey (GET " + base + ENDPOINT
					+ "/status answered 404): " + HOW_TO_START);
		}
		if (status.statusCode() != 200) {
			throw new IllegalStateException(
					service + "'s Chaos Monkey answered " + status.statusCode() + ": " + status.body());
		}
	}

	private Map<String, Tally> tallies() throws IOException, InterruptedException {
		Map<String, Tally> tallies = new LinkedHashMap<>();
		for (Map.Entry<String, String> service : this.services.entrySet()) {
			String exposition = send(service.getKey(),
					HttpRequest.newBuilder(URI.create(service.getValue() + "/actuator/prometheus")).GET());
			// Chaos Monkey 4.0 counts each delay twice: an event as it strikes, one with
			// its length
			tallies.put(service.getKey(),
					new Tally(PrometheusText.sum(exposition, DELAYED) / 2, PrometheusText.sum(exposition, FAILED)));
		}
		return tallies;
	}

	private static HttpRequest.Builder post(String url, String body) {
		return HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST((body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
	}

	private String send(String service, HttpRequest.Builder request) throws IOException, InterruptedException {
		HttpRequest sent = request.header("Authorization", "Bearer " + this.token.get())
			.timeout(Duration.ofSeconds(10))
			.build();
		HttpResponse<String> response = this.http.send(sent, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(service + " answered " + response.statusCode() + " to " + sent.method()
					+ " " + sent.uri().getPath() + ": " + response.body());
		}
		return response.body();
	}

	/**
	 * What the drill switches on.
	 *
	 * @param level about one call in this many is assaulted (Chaos Monkey picks one of
	 * the kinds switched on for it)
	 */
	record Assaults(int level, Duration shortestDelay, Duration longestDelay, boolean latency, boolean exceptions) {

		static final Assaults DEFAULT = new Assaults(4, Duration.ofMillis(500), Duration.ofSeconds(2), true, true);

		Assaults {
			if (level < 1 || shortestDelay.compareTo(longestDelay) > 0 || !(latency || exceptions)) {
				throw new IllegalArgumentException(
						"no assault, or delays from " + shortestDelay + " to " + longestDelay + " at level " + level);
			}
		}

		String switchedOn() {
			Map<String, Object> settings = new LinkedHashMap<>(ALL_OFF);
			settings.put("level", this.level);
			settings.put("deterministic", false);
			settings.put("latencyRangeStart", this.shortestDelay.toMillis());
			settings.put("latencyRangeEnd", this.longestDelay.toMillis());
			settings.put("latencyActive", this.latency);
			settings.put("exceptionsActive", this.exceptions);
			return json.writeValueAsString(settings);
		}

		String described() {
			List<String> kinds = new ArrayList<>();
			if (this.latency) {
				kinds.add("delayed %d-%d ms".formatted(this.shortestDelay.toMillis(), this.longestDelay.toMillis()));
			}
			if (this.exceptions) {
				kinds.add("failed with an exception");
			}
			return "about 1 call in %d where a request or a Kafka batch enters is %s".formatted(this.level,
					String.join(" or ", kinds));
		}

	}

	/** Assaults counted, by kind. */
	private record Tally(double delayed, double failed) {

		/** A counter lower than before means the service restarted and counted from 0. */
		Tally since(Tally before) {
			return new Tally((this.delayed >= before.delayed) ? this.delayed - before.delayed : this.delayed,
					(this.failed >= before.failed) ? this.failed - before.failed : this.failed);
		}

		Tally plus(Tally other) {
			return new Tally(this.delayed + other.delayed, this.failed + other.failed);
		}

	}

}
