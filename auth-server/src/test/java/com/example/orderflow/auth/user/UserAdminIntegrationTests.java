package com.example.orderflow.auth.user;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.UUID;

import com.example.orderflow.auth.AuthServerIntegrationTest;
import com.example.orderflow.auth.Browser;
import com.example.orderflow.webproblems.test.HostileValues;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class UserAdminIntegrationTests extends AuthServerIntegrationTest {

	private static final String PROBLEM_JSON = "application/problem+json";

	@Autowired
	JdbcClient jdbc;

	@Test
	void withoutATokenItIs401ProblemWithABearerChallenge() {
		HttpResponse<String> response = putUser(null, newUsername(), validBody("customer"));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith(PROBLEM_JSON));
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer"));
		assertThat(read(response.body()).get("status").asInt()).isEqualTo(401);
	}

	@Test
	void aForgedTokenIs401() {
		String token = operatorToken();
		String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";

		assertThat(putUser(forged, newUsername(), validBody("customer")).statusCode()).isEqualTo(401);
	}

	@Test
	void aCustomersTokenIs403Problem() {
		String customer = newUsername();
		String customerToken = tokensOf(customer, createUser(customer, "customer")).get("access_token").asString();

		HttpResponse<String> response = putUser(customerToken, newUsername(), validBody("operator"));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith(PROBLEM_JSON));
		assertThat(read(response.body()).get("title").asString()).isEqualTo("Forbidden");
	}

	@Test
	void anOperatorCreatesAUserThen201AndReplacesItThen204() {
		String token = operatorToken();
		String username = newUsername();

		assertThat(putUser(token, username, validBody("customer")).statusCode()).isEqualTo(201);
		String newPassword = UUID.randomUUID().toString();
		assertThat(putUser(token, username, """
				{"password": "%s", "role": "operator"}""".formatted(newPassword)).statusCode()).isEqualTo(204);

		Browser browser = new Browser(issuer);
		assertThat(Browser.location(browser.logIn(username, newPassword))).doesNotContain("error");
	}

	@Test
	void badInputIs400ProblemNamingEachField() {
		HttpResponse<String> response = putUser(operatorToken(), newUsername(), """
				{"password": "short", "role": "admin"}""");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith(PROBLEM_JSON));
		JsonNode errors = read(response.body()).get("errors");
		assertThat(errors.size()).isEqualTo(2);
		assertThat(errors.get(0).get("field").asString()).isEqualTo("password");
		assertThat(errors.get(1).get("field").asString()).isEqualTo("role");
	}

	@Test
	void aUsernameOutsideThePatternIs400() {
		HttpResponse<String> response = putUser(operatorToken(), "not%20allowed", validBody("customer"));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(read(response.body()).get("errors").get(0).get("field").asString()).isEqualTo("username");
	}

	/**
	 * A dot segment is refused by Spring Security's firewall before any handler: the
	 * refusal reaches the container's error page, which answers as a problem too.
	 */
	@Test
	void aUsernameThatIsADotSegmentIs400Problem() {
		String token = operatorToken();
		for (String username : new String[] { ".", "..", "%2E%2e", "a%2F.." }) {
			HttpResponse<String> response = putUser(token, username, validBody("customer"));

			assertThat(response.statusCode()).as(username).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).as(username)
				.hasValueSatisfying((type) -> assertThat(type).startsWith(PROBLEM_JSON));
			assertThat(read(response.body()).get("status").asInt()).isEqualTo(400);
		}
	}

	@Test
	void aPasswordLongerThanBcryptReadsIs400() {
		// 20 characters, 80 bytes in UTF-8
		String password = "\uD83D\uDD11".repeat(20);

		HttpResponse<String> response = putUser(operatorToken(), newUsername(), """
				{"password": "%s", "role": "customer"}""".formatted(password));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(read(response.body()).get("errors").get(0).get("field").asString()).isEqualTo("password");
	}

	@Test
	void aBodyThatIsNotJsonIs400() {
		HttpResponse<String> response = putUser(operatorToken(), newUsername(), "password=x");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(read(response.body()).get("errors").get(0).get("field").asString()).isEqualTo("body");
	}

	@Test
	void aMethodOrPathTheApiDoesNotTakeIs404Or405ProblemNever500() {
		String token = operatorToken();
		for (String method : new String[] { "GET", "POST", "DELETE" }) {
			HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(issuer + "/users/" + newUsername()))
				.method(method, HttpRequest.BodyPublishers.noBody())
				.header("Authorization", "Bearer " + token));

			assertThat(response.statusCode()).as(method).isEqualTo(405);
			assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
			assertThat(response.headers().firstValue("Allow")).hasValue("PUT");
		}
		HttpResponse<String> list = send(
				HttpRequest.newBuilder(URI.create(issuer + "/users")).GET().header("Authorization", "Bearer " + token));
		assertThat(list.statusCode()).isEqualTo(404);
		assertThat(list.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
		HttpResponse<String> error = send(HttpRequest.newBuilder(URI.create(issuer + "/error")).GET());
		assertThat(error.statusCode()).as("/error asked for directly").isEqualTo(404);
		assertThat(error.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
	}

	/**
	 * Generated hostile input (see {@link HostileValues}): whatever the username,
	 * password and role an operator sends, the answer is 201/204 or a 4xx problem, never
	 * a 5xx, and a refused request creates or changes no user.
	 */
	@Test
	void generatedHostileUsersAreAnsweredWithProblemsAndRefusedOnesChangeNothing() {
		String token = operatorToken();
		Iterator<String> usernames = HostileValues.texts("carol");
		Iterator<String> texts = HostileValues.texts("customer", "operator", "a-password-of-enough-length");
		for (int i = 0; i < 100; i++) {
			String username = (i % 2 == 0) ? usernames.next() : newUsername();
			String body = """
					{"password": %s, "role": %s}""".formatted(HostileValues.json(texts.next()),
					HostileValues.json(texts.next()));
			String before = user(username);

			HttpResponse<String> response = putUser(token, HostileValues.pathSegment(username), body);

			if (HostileValues.refusedAsAProblem(response.statusCode(),
					response.headers().firstValue("Content-Type").orElse(null), username + " " + body)) {
				assertThat(user(username)).as(username + " " + body).isEqualTo(before);
			}
		}
	}

	/** The user as stored, to compare before and after a request. */
	private String user(String username) {
		if (username.indexOf('\u0000') >= 0) {
			return "none: PostgreSQL cannot hold a NUL";
		}
		return this.jdbc.sql("select to_jsonb(u)::text from users u where username = ?")
			.param(username)
			.query(String.class)
			.optional()
			.orElse("none");
	}

	static String newUsername() {
		return "user-" + UUID.randomUUID();
	}

	private static String validBody(String role) {
		return """
				{"password": "%s", "role": "%s"}""".formatted(UUID.randomUUID(), role);
	}

}
