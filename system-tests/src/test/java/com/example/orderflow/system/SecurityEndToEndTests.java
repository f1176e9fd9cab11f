package com.example.orderflow.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.example.orderflow.loadtest.ToolsToken;
import com.example.orderflow.servicesecurity.test.TestIssuer;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8's matrix through the gateway of {@code ./stack up}, with tokens of its real
 * issuer (auth-server): every endpoint against every kind of caller, the refusals
 * changing nothing; the services refusing calls that bypass the gateway; the principal in
 * the saga's history; a signing key rotated while tokens are in use; and the demo and the
 * benchmark carrying tokens.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityEndToEndTests {

	private static final Duration FINISH_WITHIN = Duration.ofSeconds(120);

	private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final JsonMapper json = JsonMapper.builder().build();

	private static LocalStack stack;

	private static ToolsToken tools;

	private static ShopClient operatorShop;

	private static String alice;

	private static String bob;

	private static String aliceToken;

	private static String bobToken;

	private static String sku;

	private static UUID aliceOrder;

	@BeforeAll
	static void startStack() {
		stack = new LocalStack().up();
		tools = stack.toolsToken();
		operatorShop = ShopClient.throughGateway(stack.gatewayUrl(), tools);
		alice = ShopClient.uniqueCustomer("alice");
		bob = ShopClient.uniqueCustomer("bob");
		aliceToken = stack.token("--customer", alice);
		bobToken = stack.token("--customer", bob);
		sku = ShopClient.uniqueSku("GUARDED");
		operatorShop.putProduct(sku, 1200, 100);
		operatorShop.deposit(alice, 1_000_000);
		ShopClient aliceShop = ShopClient.throughGateway(stack.gatewayUrl(), () -> aliceToken);
		aliceOrder = aliceShop.placeOrder(alice, Map.of(sku, 1));
		assertThat(aliceShop.awaitFinished(aliceOrder, FINISH_WITHIN)).containsEntry("status", "APPROVED");
	}

	@AfterAll
	static void stopStack() {
		if (stack != null) {
			stack.close();
		}
	}

	/** Every API endpoint of the gateway, each acting on alice's data. */
	private static List<Call> endpoints() {
		String order = "{\"customerId\":\"" + alice + "\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"" + sku
				+ "\",\"quantity\":1}]}";
		String product = "{\"name\":\"Guarded\",\"unitPrice\":1200,\"currency\":\"EUR\",\"onHand\":100}";
		return List.of(
				new Call("POST", "/api/orders", order,
						Map.of(Caller.BOB, 403, Caller.ALICE, 202, Caller.OPERATOR, 202)),
				new Call("GET", "/api/orders/" + aliceOrder, null, hidden()),
				new Call("GET", "/api/orders?customerId=" + alice, null,
						Map.of(Caller.BOB, 403, Caller.ALICE, 200, Caller.OPERATOR, 200)),
				new Call("GET", "/api/sagas/" + aliceOrder, null, hidden()),
				new Call("GET", "/api/sagas?state=PARKED", null, operatorOnly()),
				new Call("POST", "/api/sagas/" + aliceOrder + "/retry", null, operatorOnly()),
				new Call("GET", "/api/products/" + sku, null,
						Map.of(Caller.BOB, 200, Caller.ALICE, 200, Caller.OPERATOR, 200)),
				new Call("PUT", "/api/products/" + sku, product, operatorOnly()),
				new Call("GET", "/api/accounts/" + alice, null, hidden()),
				new Call("POST", "/api/accounts/" + alice + "/deposits", "{\"amount\":100,\"currency\":\"EUR\"}",
						Map.of(Caller.BOB, 403, Caller.ALICE, 200, Caller.OPERATOR, 200)),
				new Call("GET", "/api/payments?orderId=" + aliceOrder, null,
						// "none found" for a stranger, as for an order without payments
						Map.of(Caller.BOB, 200, Caller.ALICE, 200, Caller.OPERATOR, 200)));
	}

	/** Another customer's: answered as if it did not exist. */
	private static Map<Caller, Integer> hidden() {
		return Map.of(Caller.BOB, 404, Caller.ALICE, 200, Caller.OPERATOR, 200);
	}

	private static Map<Caller, Integer> operatorOnly() {
		return Map.of(Caller.BOB, 403, Caller.ALICE, 403, Caller.OPERATOR, 200);
	}

	@Test
	@Order(1)
	void refusesEveryEndpointToBadTokensAndStrangersWithProblemsAndChangesNothing() throws Exception {
		RSAKey issuerKey = newestSigningKey();
		Map<String, String> badTokens = new LinkedHashMap<>();
		badTokens.put("no token", null);
		badTokens.put("expired", signed(issuerKey, alice, "orderflow-api", Instant.now().minusSeconds(600)));
		badTokens.put("forged signature", signed(stranger(issuerKey.getKeyID()), alice, "orderflow-api",
				Instant.now().plus(Duration.ofMinutes(5))));
		badTokens.put("alg none", TestIssuer.shared().token().subject(alice).issuer(stack.issuerUrl()).unsigned());
		badTokens.put("wrong audience",
				signed(issuerKey, alice, "someone-else", Instant.now().plus(Duration.ofMinutes(5))));
		String before = stateOfAlice();

		List<String> mismatches = new ArrayList<>();
		for (Call call : endpoints()) {
			for (Map.Entry<String, String> bad : badTokens.entrySet()) {
				HttpResponse<String> response = sendNamingTimeouts(call, bad.getKey(), bad.getValue());
				expectProblem(mismatches, call, bad.getKey(), response, 401);
				if (response.statusCode() == 401
						&& !response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer")) {
					mismatches.add(call + " with " + bad.getKey() + ": no WWW-Authenticate: Bearer");
				}
			}
			int expected = call.expected().get(Caller.BOB);
			HttpResponse<String> response = send(call, bobToken);
			if (expected >= 400) {
				expectProblem(mismatches, call, "another customer's token", response, expected);
			}
			else if (response.statusCode() != expected) {
				mismatches
					.add(call + " with another customer's token: " + response.statusCode() + ", expected " + expected);
			}
		}

		assertThat(mismatches).isEmpty();
		assertThat(stateOfAlice()).as("nothing changed by refused calls").isEqualTo(before);
		assertThat(send(new Call("GET", "/api/payments?orderId=" + aliceOrder, null, Map.of()), bobToken).body())
			.as("a stranger sees none of alice's payments")
			.isEqualTo("[]");
	}

	@Test
	@Order(2)
	void letsTheOwnerAndOperatorsThroughAsTheMatrixSays() throws Exception {
		List<String> mismatches = new ArrayList<>();
		for (Call call : endpoints()) {
			for (Caller caller : List.of(Caller.ALICE, Caller.OPERATOR)) {
				String token = (caller == Caller.ALICE) ? aliceToken : tools.get();
				HttpResponse<String> response = send(call, token);
				int expected = call.expected().get(caller);
				if (response.statusCode() != expected) {
					mismatches.add(call + " as " + caller + ": " + response.statusCode() + ", expected " + expected
							+ ": " + response.body());
				}
			}
		}

		assertThat(mismatches).isEmpty();
	}

	@Test
	@Order(3)
	void theServicesThemselvesRefuseCallsThatBypassTheGateway() throws Exception {
		Map<String, String> direct = Map.of("ORDER_PORT", "/orders/" + aliceOrder, "PAYMENT_PORT", "/accounts/" + alice,
				"INVENTORY_PORT", "/products/" + sku, "ORCHESTRATOR_PORT", "/sagas/" + aliceOrder);
		String forged = signed(stranger(newestSigningKey().getKeyID()), alice, "orderflow-api",
				Instant.now().plus(Duration.ofMinutes(5)));

		for (Map.Entry<String, String> service : direct.entrySet()) {
			String url = stack.url(service.getKey()) + service.getValue();
			assertThat(get(url, null).statusCode()).as("GET %s without a token", url).isEqualTo(401);
			assertThat(get(url, forged).statusCode()).as("GET %s with a forged token", url).isEqualTo(401);
			assertThat(get(url, aliceToken).statusCode()).as("GET %s as alice", url).isEqualTo(200);
		}
	}

	@Test
	@Order(4)
	void theSagasHistoryNamesWhoPlacedTheOrderAtEveryStep() throws Exception {
		HttpResponse<String> saga = get(stack.gatewayUrl() + "/api/sagas/" + aliceOrder, aliceToken);

		assertThat(saga.statusCode()).isEqualTo(200);
		JsonNode steps = json.readTree(saga.body()).path("history");
		assertThat(steps.isArray()).as(saga.body()).isTrue();
		assertThat(steps.size()).isGreaterThan(2);
		for (JsonNode step : steps) {
			assertThat(step.path("principal").stringValue()).as(step.toString()).isEqualTo(alice);
		}
	}

	@Test
	@Order(5)
	void aRotatedSigningKeyServesNewTokensWhileTokensOfTheOldKeyKeepWorking() throws Exception {
		String oldToken = stack.token("--customer", alice);
		String oldKid = kid(oldToken);
		Path newKey = stack.signingKeys()
			.resolve("zz-rotated-" + UUID.randomUUID().toString().substring(0, 8) + ".pem");
		Process genpkey = new ProcessBuilder("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt",
				"rsa_keygen_bits:2048", "-out", newKey.toString())
			.redirectErrorStream(true)
			.start();
		assertThat(genpkey.waitFor()).isZero();

		String newToken = stack.token("--customer", alice);

		assertThat(kid(newToken)).isEqualTo(newKey.getFileName().toString().replace(".pem", "")).isNotEqualTo(oldKid);
		for (String token : List.of(newToken, oldToken)) {
			assertThat(get(stack.gatewayUrl() + "/api/accounts/" + alice, token).statusCode()).isEqualTo(200);
			assertThat(get(stack.url("PAYMENT_PORT") + "/accounts/" + alice, token).statusCode()).isEqualTo(200);
			assertThat(get(stack.url("ORDER_PORT") + "/orders/" + aliceOrder, token).statusCode()).isEqualTo(200);
		}
	}

	@Test
	@Order(6)
	void theDemoSignsItsCustomersInAndShowsTheRefusals() {
		LocalStack.CommandRun demo = stack.command("demo");

		assertThat(demo.exitStatus()).as(demo.printed()).isZero();
		assertThat(demo.printed()).contains("APPROVED", "REJECTED because OUT_OF_STOCK",
				"REJECTED because PAYMENT_DECLINED");
		assertThat(demo.printed()).containsPattern("expected: 404, as if there were none\\):\\s+404")
			.containsPattern("expected: 401\\):\\s+401");
	}

	@Test
	@Order(7)
	void theBenchmarkDrivesSagasAsTheToolsClient() {
		LocalStack.CommandRun bench = stack.command("bench", "--rate", "50", "--warmup", "2", "--duration", "5",
				"--drain", "30");

		assertThat(bench.exitStatus()).as(bench.printed()).isZero();
		assertThat(bench.printed()).containsPattern("Orders posted [1-9][0-9]*, refused 0, completed [1-9]")
			.contains("unfinished 0", "Completed sagas per second");
	}

	private static String stateOfAlice() throws Exception {
		StringBuilder state = new StringBuilder();
		String operator = tools.get();
		for (String path : List.of("/api/orders?customerId=" + alice, "/api/orders?customerId=" + bob,
				"/api/accounts/" + alice, "/api/products/" + sku, "/api/sagas/" + aliceOrder,
				"/api/payments?orderId=" + aliceOrder)) {
			HttpResponse<String> response = get(stack.gatewayUrl() + path, operator);
			state.append(path)
				.append(" -> ")
				.append(response.statusCode())
				.append(' ')
				.append(response.body())
				.append('\n');
		}
		return state.toString();
	}

	private static void expectProblem(List<String> mismatches, Call call, String caller, HttpResponse<String> response,
			int status) {
		String contentType = response.headers().firstValue("Content-Type").orElse("");
		if (response.statusCode() != status || !contentType.startsWith("application/problem+json")
				|| !response.body().contains("\"status\":" + status)) {
			mismatches.add(call + " with " + caller + ": " + response.statusCode() + " " + contentType + " "
					+ response.body() + ", expected a " + status + " problem");
		}
	}

	/** A call left unanswered fails the test saying which one it was. */
	private static HttpResponse<String> sendNamingTimeouts(Call call, String caller, String token) throws Exception {
		try {
			return send(call, token);
		}
		catch (HttpTimeoutException ex) {
			throw new AssertionError(call + " with " + caller + ": no answer within 30 s", ex);
		}
	}

	private static HttpResponse<String> send(Call call, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + call.path()))
			.timeout(Duration.ofSeconds(30))
			.method(call.method(), (call.body() != null) ? HttpRequest.BodyPublishers.ofString(call.body())
					: HttpRequest.BodyPublishers.noBody());
		if (call.body() != null) {
			request.header("Content-Type", "application/json");
		}
		if (call.method().equals("POST") && call.path().equals("/api/orders")) {
			request.header("Idempotency-Key", UUID.randomUUID().toString());
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> get(String url, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The key the issuer signs with now: the last {@code <kid>.pem} by name. */
	private static RSAKey newestSigningKey() throws Exception {
		Path pem;
		try (Stream<Path> keys = Files.list(stack.signingKeys())) {
			pem = keys.filter((key) -> key.toString().endsWith(".pem"))
				.sorted()
				.reduce((first, last) -> last)
				.orElseThrow();
		}
		String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		KeyFactory rsa = KeyFactory.getInstance("RSA");
		RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa
			.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
		RSAPublicKey publicKey = (RSAPublicKey) rsa
			.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
		return new RSAKey.Builder(publicKey).privateKey(privateKey)
			.keyID(pem.getFileName().toString().replace(".pem", ""))
			.build();
	}

	/** A key the issuer never published, under the id of one it did. */
	private static RSAKey stranger(String kid) throws Exception {
		return new RSAKeyGenerator(2048).keyID(kid).generate();
	}

	/** Signed with the issuer's own key, so only the claim under test is wrong. */
	private static String signed(RSAKey key, String subject, String audience, Instant expiresAt) {
		Instant issuedAt = expiresAt.minus(Duration.ofMinutes(15));
		return TestIssuer.signWith(key,
				new JWTClaimsSet.Builder().issuer(stack.issuerUrl())
					.subject(subject)
					.audience(audience)
					.claim("roles", List.of("customer"))
					.issueTime(Date.from(issuedAt))
					.notBeforeTime(Date.from(issuedAt))
					.expirationTime(Date.from(expiresAt))
					.build());
	}

	private static String kid(String token) throws IOException {
		String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
		return json.readTree(header).path("kid").stringValue();
	}

	enum Caller {

		BOB, ALICE, OPERATOR

	}

	record Call(String method, String path, String body, Map<Caller, Integer> expected) {

		@Override
		public String toString() {
			return this.method + " " + this.path;
		}

	}

}
