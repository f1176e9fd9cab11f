package com.example.orderflow.gateway.pathguard;

import com.example.orderflow.gateway.FakeService;
import com.example.orderflow.gateway.RawHttp;
import com.example.orderflow.servicesecurity.test.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends each request line byte for byte (see {@link RawHttp}), with an operator's token,
 * and checks that the service behind the gateway never saw it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ForwardedPathGuardIntegrationTests {

	static final FakeService service = FakeService.start();

	// a valid token, so that the refusals below are the guard's and not a missing token's
	static final String token = TestIssuer.shared().operator();

	@DynamicPropertySource
	static void routes(DynamicPropertyRegistry registry) {
		TestIssuer.register(registry);
		service.registerAsEveryService(registry);
	}

	@AfterAll
	static void stopService() {
		service.close();
	}

	@Value("${local.server.port}")
	int port;

	@BeforeEach
	void forgetRequests() {
		service.reset();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/orders/../actuator/health", "/api/orders/%2e%2e/actuator/env",
			"/api/orders/%2E%2E/actuator/env", "/api/orders/.%2e/actuator/env", "/api/orders/..;/actuator/health",
			"/api/orders/%252e%252e/actuator/health", "/api/orders/..%2factuator/health",
			"/api/orders/..%5cactuator/health", "/api/orders/42/../../actuator/health",
			"/api/orders/./../actuator/health", "/api/products/../actuator/env", "/api/actuator/health",
			"/api/actuator", "/api//actuator/health", "/api;x=1/actuator/health", "/api/ACTUATOR/health" })
	void refusesPathsThatAServiceWouldResolveToItsActuatorWithANotFoundProblem(String path) {
		RawHttp.Response response = RawHttp.get(this.port, path, token);
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(response.body()).contains("\"status\":404").contains("\"title\":\"Not Found\"");
		assertThat(service.received()).isEmpty();
	}

	@Test
	void forwardsAnActuatorSegmentDeeperInThePathBecauseTheServiceSeesItUnderItsResource() {
		assertThat(RawHttp.get(this.port, "/api/orders/actuator", token).status()).isEqualTo(200);
		assertThat(service.receivedPaths()).containsExactly("/orders/actuator");
	}

	@Test
	void refusesEncodingThatOnlyBreaksWhenDecodedAgainWithABadRequestProblem() {
		RawHttp.Response response = RawHttp.get(this.port, "/api/orders/%25zz", token);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(service.received()).isEmpty();
	}

	@Test
	void answersWhatSpringSecuritysFirewallRefusesWithABadRequestProblem() {
		for (String path : new String[] { "/api/orders/42;secret=x", "/api/orders//42" }) {
			RawHttp.Response response = RawHttp.get(this.port, path, token);
			assertThat(response.status()).as(path).isEqualTo(400);
			assertThat(response.header("Content-Type")).as(path).isEqualTo("application/problem+json");
			assertThat(response.body()).contains("\"status\":400", "not allowed");
		}
		assertThat(service.received()).isEmpty();
	}

	// The server adapter rejects a request target that is no valid URI before any filter
	// runs, so this 400 comes without a problem body; what matters is that it is refused.
	@Test
	void refusesBrokenPercentEncoding() {
		assertThat(RawHttp.get(this.port, "/api/orders/%zz", token).status()).isEqualTo(400);
		assertThat(service.received()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
			"/actuator/prometheus" })
	void keepsTheGatewaysOwnActuatorEndpointsAvailable(String path) {
		assertThat(RawHttp.get(this.port, path).status()).isEqualTo(200);
		assertThat(service.received()).isEmpty();
	}

}
