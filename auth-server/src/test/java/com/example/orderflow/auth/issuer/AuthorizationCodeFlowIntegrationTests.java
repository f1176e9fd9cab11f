package com.example.orderflow.auth.issuer;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import com.example.orderflow.auth.AuthServerIntegrationTest;
import com.example.orderflow.auth.Browser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The code flow as a command-line tool runs it against a loopback redirect: over real
 * HTTP, with the login form, its CSRF token and the session cookie.
 */
class AuthorizationCodeFlowIntegrationTests extends AuthServerIntegrationTest {

	@Test
	void aCustomerSignsInWithPkceAndGetsATokenNamingThemWithTheCustomerRole() {
		String customer = newCustomerId();
		String password = createUser(customer, "customer");
		Browser browser = new Browser(issuer);
		String verifier = Browser.newCodeVerifier();
		String state = UUID.randomUUID().toString();

		HttpResponse<String> authorize = browser.get(authorizeUrl(Browser.s256(verifier), state));
		assertThat(authorize.statusCode()).isEqualTo(302);
		assertThat(Browser.location(authorize)).isEqualTo(issuer + "/login");
		HttpResponse<String> login = browser.logIn(customer, password);
		assertThat(login.statusCode()).isEqualTo(302);
		HttpResponse<String> resumed = browser.get(Browser.location(login));
		assertThat(resumed.statusCode()).isEqualTo(302);
		String callback = Browser.location(resumed);
		assertThat(callback).startsWith(REDIRECT_URI + "?");
		assertThat(Browser.queryOf(callback)).containsEntry("state", state).containsKey("code");

		HttpResponse<String> exchange = redeem(Browser.queryOf(callback).get("code"), verifier);

		assertThat(exchange.statusCode()).isEqualTo(200);
		JsonNode tokens = read(exchange.body());
		Jwt token = resourceServerDecoder().decode(tokens.get("access_token").asString());
		assertThat(token.getSubject()).isEqualTo(customer);
		assertThat(token.getClaimAsStringList("roles")).containsExactly("customer");
		assertThat(token.getAudience()).containsExactly(AUDIENCE);
		assertThat(token.getIssuer()).hasToString(issuer);
		assertThat(tokens.get("refresh_token").asString()).isNotBlank();
		assertThat(tokens.get("id_token").asString()).isNotBlank();
	}

	@Test
	void withoutPkceNoCodeIsIssued() {
		String customer = newCustomerId();
		Browser browser = signedIn(customer, createUser(customer, "customer"));

		HttpResponse<String> authorize = browser.get(authorizeUrl(null, "s"));

		String callback = Browser.location(authorize);
		assertThat(callback).startsWith(REDIRECT_URI + "?");
		assertThat(Browser.queryOf(callback)).containsEntry("error", "invalid_request").doesNotContainKey("code");
	}

	@Test
	void aCodeIsNotRedeemedWithAnotherVerifierNorWithout() {
		String customer = newCustomerId();
		Browser browser = signedIn(customer, createUser(customer, "customer"));
		String code = codeFor(browser, Browser.s256(Browser.newCodeVerifier()));

		HttpResponse<String> wrongVerifier = redeem(code, Browser.newCodeVerifier());
		HttpResponse<String> noVerifier = postToken(Map.of("grant_type", "authorization_code", "code", code,
				"redirect_uri", REDIRECT_URI, "client_id", WEB_CLIENT));

		assertThat(wrongVerifier.statusCode()).isBetween(400, 401);
		assertThat(wrongVerifier.body()).doesNotContain("access_token");
		assertThat(noVerifier.statusCode()).isBetween(400, 401);
		assertThat(noVerifier.body()).doesNotContain("access_token");
	}

	@Test
	void aRotatedOutRefreshTokenPresentedAgainRevokesTheWholeAuthorization() {
		String customer = newCustomerId();
		String password = createUser(customer, "customer");
		String first = tokensOf(customer, password).get("refresh_token").asString();
		String second = read(refresh(first).body()).get("refresh_token").asString();

		HttpResponse<String> reused = refresh(first);

		assertThat(reused.statusCode()).isEqualTo(400);
		assertThat(read(reused.body()).get("error").asString()).isEqualTo("invalid_grant");
		HttpResponse<String> afterTheft = refresh(second);
		assertThat(afterTheft.statusCode()).as("the current refresh token is revoked with its authorization")
			.isEqualTo(400);
		assertThat(read(afterTheft.body()).get("error").asString()).isEqualTo("invalid_grant");
		// another sign-in of the same customer is a new authorization, untouched
		String other = tokensOf(customer, password).get("refresh_token").asString();
		assertThat(refresh(other).statusCode()).isEqualTo(200);
	}

	@Test
	void aRefreshTokenWorksOnceAndIsReplaced() {
		String customer = newCustomerId();
		JsonNode first = tokensOf(customer, createUser(customer, "customer"));
		String refreshToken = first.get("refresh_token").asString();

		HttpResponse<String> refreshed = refresh(refreshToken);

		assertThat(refreshed.statusCode()).isEqualTo(200);
		JsonNode second = read(refreshed.body());
		assertThat(second.get("refresh_token").asString()).isNotEqualTo(refreshToken);
		Jwt token = resourceServerDecoder().decode(second.get("access_token").asString());
		assertThat(token.getSubject()).isEqualTo(customer);
		assertThat(token.getClaimAsStringList("roles")).containsExactly("customer");
		HttpResponse<String> third = refresh(second.get("refresh_token").asString());
		assertThat(third.statusCode()).isEqualTo(200);
		HttpResponse<String> replayed = refresh(refreshToken);
		assertThat(replayed.statusCode()).isEqualTo(400);
		assertThat(read(replayed.body()).get("error").asString()).isEqualTo("invalid_grant");
	}

	@Test
	void aWrongPasswordSignsNobodyIn() {
		String customer = newCustomerId();
		createUser(customer, "customer");
		Browser browser = new Browser(issuer);

		HttpResponse<String> login = browser.logIn(customer, "not-the-password");

		assertThat(Browser.location(login)).isEqualTo(issuer + "/login?error");
		assertThat(Browser.location(browser.get(authorizeUrl(Browser.s256(Browser.newCodeVerifier()), "s"))))
			.isEqualTo(issuer + "/login");
	}

	@Test
	void anIdTokenIsNotAnAccessToken() {
		String customer = newCustomerId();
		JsonNode tokens = tokensOf(customer, createUser(customer, "customer"));

		assertThatExceptionOfType(BadJwtException.class)
			.isThrownBy(() -> resourceServerDecoder().decode(tokens.get("id_token").asString()))
			.withMessageContaining("aud");
	}

	static String newCustomerId() {
		return "customer-" + UUID.randomUUID();
	}

	private static Browser signedIn(String username, String password) {
		Browser browser = new Browser(issuer);
		assertThat(Browser.location(browser.logIn(username, password))).doesNotContain("error");
		return browser;
	}

	private static HttpResponse<String> refresh(String refreshToken) {
		return postToken(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", WEB_CLIENT));
	}

}
