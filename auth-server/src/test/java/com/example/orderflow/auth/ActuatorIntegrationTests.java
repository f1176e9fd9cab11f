package com.example.orderflow.auth;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Probes and Prometheus reach the actuator without a token, as on every service; nothing
 * else of it is exposed.
 */
class ActuatorIntegrationTests extends AuthServerIntegrationTest {

	@Test
	void readinessAndMetricsNeedNoToken() {
		HttpResponse<String> readiness = send(
				HttpRequest.newBuilder(URI.create(issuer + "/actuator/health/readiness")).GET());
		HttpResponse<String> metrics = send(HttpRequest.newBuilder(URI.create(issuer + "/actuator/prometheus")).GET());

		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(read(readiness.body()).get("status").asString()).isEqualTo("UP");
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("http_server_requests_seconds");
	}

	@Test
	void exposesNoOtherEndpointWhichLikeAnyUnknownPathLeadsToTheLoginForm() {
		for (String endpoint : new String[] { "/actuator/metrics", "/actuator/env", "/actuator/beans" }) {
			HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(issuer + endpoint)).GET());

			assertThat(response.statusCode()).as(endpoint).isEqualTo(302);
			assertThat(Browser.location(response)).isEqualTo(issuer + "/login");
		}
	}

	@Test
	void anyOtherPathLeadsABrowserToTheLoginForm() {
		HttpResponse<String> response = new Browser(issuer).get("/anything");

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(Browser.location(response)).isEqualTo(issuer + "/login");
	}

}
