package com.example.orderflow.servicesecurity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.example.orderflow.servicesecurity.test.TestIssuer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filter chain over real HTTP, against a JWK set fetched over real HTTP: every way a
 * token can be bad is a 401 problem, a good token without the right is a 403 problem.
 */
@SpringBootTest(classes = SecuredTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class ServiceSecurityIntegrationTests {

	static final TestIssuer issuer = TestIssuer.shared();

	final HttpClient http = HttpClient.newHttpClient();

	@Value("${local.server.port}")
	int port;

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		TestIssuer.register(registry);
	}

	@Test
	void letsACustomerReadTheirOwnDataAndNamesThemAsTheCaller() throws Exception {
		HttpResponse<String> response = get("/accounts/alice", issuer.customer("alice"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"customerId\":\"alice\"", "\"caller\":\"alice\"");
	}

	@Test
	void leavesOwnershipToTheServiceAndLetsOperatorsActForAnyone() throws Exception {
		assertThat(get("/accounts/bob", issuer.customer("alice")).statusCode()).isEqualTo(404);
		assertThat(get("/accounts/bob", issuer.operator()).body()).contains("\"caller\":\"orderflow-tools\"");
	}

	@Test
	void refusesEveryBadTokenWithA401Problem() throws Exception {
		String wrongIssuer = "http://127.0.0.1:1";
		for (String bad : new String[] { null, "not-a-jwt", "a.b.c.d.e",
				issuer.token().expiredAgo(Duration.ofMinutes(5)).sign(), issuer.token().forge(),
				issuer.token().unsigned(), issuer.token().audience("someone-else").sign(),
				issuer.token().issuer(wrongIssuer).sign() }) {
			HttpResponse<String> response = get("/accounts/alice", bad);

			assertThat(response.statusCode()).as(String.valueOf(bad)).isEqualTo(401);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(response.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying((value) -> assertThat(value).startsWith("Bearer"));
			assertThat(response.body()).contains("\"status\":401", "A valid bearer token is required.")
				.doesNotContain("alice\",\"caller")
				.doesNotContainIgnoringCase("JWT")
				.doesNotContainIgnoringCase("JWE");
			assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).doesNotContain("Jwt", "JWE");
		}
	}

	@Test
	void answersWhatTheFirewallRefusesWithA400ProblemThatDoesNotEchoIt() throws Exception {
		for (String path : new String[] { "/accounts/alice;secret=x", "/accounts//alice" }) {
			HttpResponse<String> response = get(path, issuer.customer("alice"));

			assertThat(response.statusCode()).as(path).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(response.body()).contains("\"status\":400", SecurityProblems.REJECTED_DETAIL)
				.doesNotContain("secret");
		}
	}

	@Test
	void saysWhyAnExpiredTokenWasRefused() throws Exception {
		HttpResponse<String> response = get("/accounts/alice", issuer.token().expiredAgo(Duration.ofMinutes(5)).sign());

		assertThat(response.body()).containsIgnoringCase("expired");
	}

	@Test
	void refusesAValidTokenWithoutARoleWithA403Problem() throws Exception {
		HttpResponse<String> response = get("/accounts/alice", issuer.token().roles().sign());

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"status\":403");
	}

	@Test
	void keepsOperatorActionsForOperatorsAsA403ProblemNotA500() throws Exception {
		HttpResponse<String> refused = post("/accounts/alice/freeze", issuer.customer("alice"));
		HttpResponse<String> allowed = post("/accounts/alice/freeze", issuer.operator());

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(allowed.statusCode()).isEqualTo(200);
	}

	@Test
	void leavesTheApiDescriptionOpenAndGuardsTheOtherActuatorEndpoints() throws Exception {
		assertThat(get("/v3/api-docs", null).statusCode()).isEqualTo(200);
		assertThat(get("/actuator/env", null).statusCode()).isEqualTo(401);
		assertThat(get("/actuator/env", issuer.customer("alice")).statusCode()).isEqualTo(403);
	}

	@Test
	void acceptsTokensSignedWithARotatedKeyAndTheOldKeysTokensStill() throws Exception {
		String before = issuer.customer("alice");
		assertThat(get("/accounts/alice", before).statusCode()).isEqualTo(200);

		issuer.rotate();
		String after = issuer.customer("alice");

		assertThat(get("/accounts/alice", after).statusCode()).as("new key fetched on its first token").isEqualTo(200);
		assertThat(get("/accounts/alice", before).statusCode()).isEqualTo(200);
	}

	@Test
	void relaysTheCallersOwnTokenToTheNextService() throws Exception {
		HttpResponse<String> response = get("/relayed/accounts/alice", issuer.customer("alice"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"caller\":\"alice\"");
	}

	@Test
	void cachesTheKeySet() throws Exception {
		get("/accounts/alice", issuer.customer("alice"));
		int fetched = issuer.jwkSetRequests();

		for (int i = 0; i < 20; i++) {
			assertThat(get("/accounts/alice", issuer.customer("alice")).statusCode()).isEqualTo(200);
		}

		assertThat(issuer.jwkSetRequests()).isEqualTo(fetched);
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)).GET(), token);
	}

	private HttpResponse<String> post(String path, String token) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()), token);
	}

	private HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
