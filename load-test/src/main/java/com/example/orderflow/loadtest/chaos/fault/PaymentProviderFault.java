package com.example.orderflow.loadtest.chaos.fault;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.example.orderflow.loadtest.chaos.audit.Check;
import com.example.orderflow.loadtest.chaos.report.Timeline;
import com.example.orderflow.loadtest.chaos.report.Timeline.Kind;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The payment provider misbehaving, through WireMock's admin API: a stub mapping of
 * higher priority than the provider's own answers every capture with the fault, and
 * removing it (by its id, so nothing else is touched) heals. Captures only: refunds keep
 * working, so the saga can compensate what it gives up on.
 */
final class PaymentProviderFault implements Fault {

	private static final JsonMapper json = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String provider;

	private final List<Phase> phases;

	private final Set<String> installed = ConcurrentHashMap.newKeySet();

	private final Set<String> used = ConcurrentHashMap.newKeySet();

	private volatile Instant since = Instant.now();

	private volatile int faulted = -1;

	private PaymentProviderFault(String provider, List<Phase> phases) {
		this.provider = provider;
		this.phases = phases;
	}

	/**
	 * Every capture answered, but only after {@code delay}: longer than payment-service's
	 * time limit, so it gives up on calls the provider still carries out.
	 */
	static PaymentProviderFault slow(String provider, Duration delay) {
		return new PaymentProviderFault(provider,
				List.of(new Phase("every capture answered after " + delay.toMillis() + " ms",
						"""
								{"status":201,"fixedDelayMilliseconds":%d,"headers":{"Content-Type":"application/json"},
								 "jsonBody":{"id":"ch_{{jsonPath request.body '$.reference'}}","status":"captured",
								 "amount":"{{jsonPath request.body '$.amount'}}","currency":"{{jsonPath request.body '$.currency'}}"},
								 "transformers":["response-template"]}"""
							.formatted(delay.toMillis()))));
	}

	/**
	 * The first half of the fault 503 for every capture, the second half connections
	 * reset.
	 */
	static PaymentProviderFault down(String provider) {
		return new PaymentProviderFault(provider, List.of(new Phase("every capture answered 503", """
				{"status":503,"headers":{"Content-Type":"application/json"},
				 "jsonBody":{"error":"unavailable (chaos drill)"}}"""),
				new Phase("every capture's connection reset by peer", "{\"fault\":\"CONNECTION_RESET_BY_PEER\"}")));
	}

	@Override
	public void run(Duration length, Timeline timeline) throws Exception {
		this.since = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		long part = length.toMillis() / this.phases.size();
		String previous = null;
		for (int i = 0; i < this.phases.size(); i++) {
			Phase phase = this.phases.get(i);
			String id = install(phase);
			timeline.mark((i == 0) ? Kind.FAULT_ON : Kind.NOTE, "payment provider: " + phase.label());
			if (previous != null) {
				remove(previous);
			}
			previous = id;
			Thread.sleep(part);
		}
		heal();
		timeline.mark(Kind.FAULT_OFF, "payment provider back to normal");
		this.faulted = countFaultedAnswers();
	}

	@Override
	public void heal() {
		for (String id : List.copyOf(this.installed)) {
			try {
				remove(id);
			}
			catch (IOException | RuntimeException ex) {
				throw new IllegalStateException("could not remove the fault " + id + " from the payment provider: "
						+ "POST " + this.provider + "/__admin/mappings/reset restores its own stubs", ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	@Override
	public Check tookEffect() {
		return Check.of("fault: the payment provider misbehaved", this.faulted > 0,
				"%d capture requests answered with the fault (WireMock's request journal)".formatted(this.faulted));
	}

	private String install(Phase phase) throws IOException, InterruptedException {
		String id = UUID.randomUUID().toString();
		String mapping = """
				{"id":"%s","name":"chaos drill: %s","priority":1,
				 "request":{"method":"POST","url":"/v1/charges"},"response":%s}""".formatted(id, phase.label(),
				phase.response());
		this.installed.add(id);
		this.used.add(id);
		send(HttpRequest.newBuilder(URI.create(this.provider + "/__admin/mappings"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(mapping)), 201);
		return id;
	}

	private void remove(String id) throws IOException, InterruptedException {
		send(HttpRequest.newBuilder(URI.create(this.provider + "/__admin/mappings/" + id)).DELETE(), 200, 404);
		this.installed.remove(id);
	}

	private int countFaultedAnswers() throws IOException, InterruptedException {
		String body = send(HttpRequest.newBuilder(URI.create(this.provider + "/__admin/requests?limit=2000&since="
				+ URLEncoder.encode(this.since.toString(), StandardCharsets.UTF_8)))
			.GET(), 200);
		return (int) json.readValue(body, Journal.class)
			.requests()
			.stream()
			.filter((served) -> served.stubMapping() != null && this.used.contains(served.stubMapping().id()))
			.count();
	}

	private String send(HttpRequest.Builder request, int... expected) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(request.timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		for (int status : expected) {
			if (response.statusCode() == status) {
				return response.body();
			}
		}
		throw new IllegalStateException(
				"the payment provider's admin API answered " + response.statusCode() + ": " + response.body());
	}

	/**
	 * @param response WireMock's response definition, JSON
	 */
	private record Phase(String label, String response) {

	}

	private record Journal(List<Served> requests) {

	}

	private record Served(StubRef stubMapping) {

	}

	private record StubRef(String id) {

	}

}
