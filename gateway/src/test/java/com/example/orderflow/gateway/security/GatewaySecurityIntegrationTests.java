package com.example.orderflow.gateway.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import com.example.orderflow.gateway.FakeService;
import com.example.orderflow.servicesecurity.test.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens from a stand-in issuer ({@link TestIssuer}) against the gateway's rules; one
 * stand-in service behind every route records what got through.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class GatewaySecurityIntegrationTests {

	static final FakeService service = FakeService.start();

	static final TestIssuer issuer = TestIssuer.shared();

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

	WebTestClient anonymous;

	@BeforeEach
	void setUp() {
		this.anonymous = FakeService.gatewayClient(this.port);
		service.reset();
	}

	static Stream<Arguments> badTokens() {
		return Stream.of(Arguments.of("not a bearer token", "not a token", "does not hold a bearer token"),
				Arguments.of("malformed", "not-a-jwt", "cannot be read"),
				Arguments.of("five parts, as if encrypted", "a.b.c.d.e", "cannot be read"),
				Arguments.of("expired", issuer.token().expiredAgo(Duration.ofMinutes(5)).sign(), "has expired"),
				Arguments.of("forged signature", issuer.token().forge(), "signature does not verify"),
				Arguments.of("alg none", issuer.token().unsigned(), "not signed with an algorithm"),
				Arguments.of("wrong audience", issuer.token().audience("another-api").sign(), "another audience"),
				Arguments.of("wrong issuer", issuer.token().issuer("https://issuer.example").sign(), "another issuer"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badTokens")
	void refusesABadTokenWithAnUnauthorizedProblemAndABearerChallenge(String kind, String token, String why) {
		this.anonymous.get()
			.uri("/api/orders/42")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.header("X-Request-Id", "bad-token-1")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE,
					(challenge) -> assertThat(challenge).startsWith("Bearer ").contains("error=\"invalid_token\""))
			.expectHeader()
			.valueEquals("X-Request-Id", "bad-token-1")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("about:blank")
			.jsonPath("$.title")
			.isEqualTo("Unauthorized")
			.jsonPath("$.status")
			.isEqualTo(401)
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).startsWith(TokenRefusal.UNAUTHORIZED_DETAIL)
				.contains(why)
				.doesNotContainIgnoringCase("JWT")
				.doesNotContainIgnoringCase("JWE")
				.doesNotContainIgnoringCase("serialization"))
			.jsonPath("$.instance")
			.isEqualTo("/api/orders/42")
			.jsonPath("$.requestId")
			.isEqualTo("bad-token-1");
		assertThat(service.received()).isEmpty();
	}

	@Test
	void refusesARequestWithoutATokenWithAPlainBearerChallenge() {
		this.anonymous.post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"customerId\":\"alice\"}")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo(TokenRefusal.UNAUTHORIZED_DETAIL);
		assertThat(service.received()).isEmpty();
	}

	@Test
	void refusesAValidTokenWithoutARoleWithAForbiddenProblem() {
		client(issuer.token().subject("alice").roles().sign()).get()
			.uri("/api/orders/42")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE,
					(challenge) -> assertThat(challenge).contains("error=\"insufficient_scope\""))
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Forbidden")
			.jsonPath("$.status")
			.isEqualTo(403)
			.jsonPath("$.detail")
			.isEqualTo(TokenRefusal.FORBIDDEN_DETAIL)
			.jsonPath("$.requestId")
			.exists();
		assertThat(service.received()).isEmpty();
	}

	static Stream<Arguments> operatorOnly() {
		return Stream.of(Arguments.of(HttpMethod.PUT, "/api/products/SKU-1"),
				Arguments.of(HttpMethod.POST, "/api/products"), Arguments.of(HttpMethod.DELETE, "/api/products/SKU-1"),
				Arguments.of(HttpMethod.GET, "/api/sagas"), Arguments.of(HttpMethod.GET, "/api/sagas?state=PARKED"),
				Arguments.of(HttpMethod.GET, "/api/sagas/"), Arguments.of(HttpMethod.POST, "/api/sagas/42/retry"));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("operatorOnly")
	void refusesACustomerOnOperatorOnlyRoutes(HttpMethod method, String path) {
		client(issuer.customer("alice")).method(method)
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(service.received()).isEmpty();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("operatorOnly")
	void forwardsAnOperatorOnOperatorOnlyRoutes(HttpMethod method, String path) {
		client(issuer.operator()).method(method)
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(service.received()).singleElement()
			.satisfies((received) -> assertThat(received.method()).isEqualTo(method.name()));
	}

	@Test
	void forwardsACustomerEverywhereElseInTheApi() {
		WebTestClient customer = client(issuer.customer("alice"));
		for (String path : List.of("/api/orders/42", "/api/sagas/42", "/api/products/SKU-1", "/api/products",
				"/api/accounts/alice", "/api/payments?orderId=42")) {
			customer.get().uri(path).exchange().expectStatus().isOk();
		}
		customer.post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"customerId\":\"alice\"}")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(service.receivedPaths()).containsExactly("/orders/42", "/sagas/42", "/products/SKU-1", "/products",
				"/accounts/alice", "/payments", "/orders");
	}

	@Test
	void relaysTheAuthorizationHeaderToTheServiceUnchanged() {
		String token = issuer.customer("alice");
		client(token).get().uri("/api/orders/42").exchange().expectStatus().isOk();
		assertThat(service.received()).singleElement()
			.satisfies((received) -> assertThat(received.headers().get(HttpHeaders.AUTHORIZATION))
				.containsExactly("Bearer " + token));
	}

	@Test
	void keepsValidTokensWorkingWhenTheIssuerRotatesItsKey() {
		String signedBefore = issuer.customer("alice");
		client(signedBefore).get().uri("/api/orders/1").exchange().expectStatus().isOk();
		issuer.rotate();
		String signedAfter = issuer.customer("alice");
		client(signedAfter).get().uri("/api/orders/2").exchange().expectStatus().isOk();
		client(signedBefore).get().uri("/api/orders/3").exchange().expectStatus().isOk();
		assertThat(service.receivedPaths()).containsExactly("/orders/1", "/orders/2", "/orders/3");
	}

	@Test
	void fetchesTheKeySetOnceAndThenCachesIt() {
		client(issuer.customer("alice")).get().uri("/api/orders/42").exchange().expectStatus().isOk();
		int fetched = issuer.jwkSetRequests();
		for (int i = 0; i < 5; i++) {
			client(issuer.customer("alice")).get().uri("/api/orders/42").exchange().expectStatus().isOk();
		}
		assertThat(issuer.jwkSetRequests()).isEqualTo(fetched);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/openapi.json", "/v3/api-docs/swagger-config", "/actuator/health",
			"/actuator/health/liveness", "/actuator/health/readiness", "/actuator/info", "/actuator/prometheus" })
	void servesTheOpenPathsWithoutAToken(String path) {
		this.anonymous.get().uri(path).exchange().expectStatus().isOk();
	}

	@Test
	void servesTheSwaggerUiAndItsAssetsWithoutAToken() {
		URI location = this.anonymous.get()
			.uri("/api/docs")
			.exchange()
			.expectStatus()
			.is3xxRedirection()
			.returnResult(String.class)
			.getResponseHeaders()
			.getLocation();
		URI page = URI.create("http://127.0.0.1:" + this.port + "/api/docs").resolve(location);
		for (String asset : List.of("index.html", "swagger-ui.css", "index.css", "swagger-ui-bundle.js",
				"swagger-ui-standalone-preset.js", "swagger-initializer.js")) {
			URI uri = page.resolve(asset);
			assertThat(this.anonymous.get().uri(uri).exchange().returnResult(byte[].class).getStatus())
				.as(uri.toString())
				.isEqualTo(HttpStatus.OK);
		}
		// what the UI loads next must be open too (see servesTheOpenPathsWithoutAToken)
		this.anonymous.get()
			.uri(page.resolve("swagger-initializer.js"))
			.exchange()
			.expectBody(String.class)
			.value((script) -> assertThat(script).contains("\"/api/openapi.json\"")
				.contains("\"/v3/api-docs/swagger-config\""));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/circuitbreakers", "/actuator/metrics", "/actuator/retries" })
	void keepsTheOtherActuatorEndpointsForOperators(String path) {
		this.anonymous.get().uri(path).exchange().expectStatus().isUnauthorized();
		client(issuer.customer("alice")).get().uri(path).exchange().expectStatus().isForbidden();
		client(issuer.operator()).get().uri(path).exchange().expectStatus().isOk();
	}

	@Test
	void refusesAnythingElseWithoutAToken() {
		for (String path : List.of("/", "/index.html", "/v3/api-docs", "/api/nothing-here")) {
			this.anonymous.get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isUnauthorized()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
		assertThat(service.received()).isEmpty();
	}

	@Test
	void needsNoSessionOrCsrfTokenForWrites() {
		client(issuer.customer("alice")).post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"customerId\":\"alice\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist(HttpHeaders.SET_COOKIE);
		assertThat(service.receivedPaths()).containsExactly("/orders");
	}

	private WebTestClient client(String token) {
		return FakeService.gatewayClient(this.port, token);
	}

}
