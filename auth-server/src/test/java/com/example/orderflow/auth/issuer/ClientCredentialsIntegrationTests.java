package com.example.orderflow.auth.issuer;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.example.orderflow.auth.AuthServerIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

class ClientCredentialsIntegrationTests extends AuthServerIntegrationTest {

	@Test
	void theToolsClientGetsAnOperatorTokenThatVerifiesByTheIssuerUriAlone() {
		HttpResponse<String> response = clientCredentials(TOOLS_CLIENT, toolsSecret);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = read(response.body());
		assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
		assertThat(body.has("refresh_token")).isFalse();
		Jwt token = resourceServerDecoder().decode(body.get("access_token").asString());
		assertThat(token.getHeaders()).containsEntry("alg", "RS256").containsKey("kid");
		assertThat(token.getSubject()).isEqualTo(TOOLS_CLIENT);
		assertThat(token.getClaimAsStringList("roles")).containsExactly("operator");
		assertThat(token.getAudience()).containsExactly(AUDIENCE);
		assertThat(token.getIssuer()).hasToString(issuer);
		assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt())).isEqualTo(Duration.ofMinutes(15));
		assertThat(body.get("expires_in").asLong()).isBetween(899L, 900L);
	}

	@Test
	void aWrongSecretIsRefusedWith401() {
		HttpResponse<String> response = clientCredentials(TOOLS_CLIENT, toolsSecret + "x");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(read(response.body()).get("error").asString()).isEqualTo("invalid_client");
	}

	@Test
	void thePublicClientCannotUseClientCredentials() {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + WEB_CLIENT)));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).doesNotContain("access_token");
	}

	@Test
	void discoveryNamesTheIssuerTheKeysAndTheS256Method() {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration")).GET());

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode metadata = read(response.body());
		assertThat(metadata.get("issuer").asString()).isEqualTo(issuer);
		assertThat(metadata.get("jwks_uri").asString()).isEqualTo(issuer + "/oauth2/jwks");
		assertThat(metadata.get("token_endpoint").asString()).isEqualTo(issuer + "/oauth2/token");
		assertThat(metadata.get("code_challenge_methods_supported")).hasToString("[\"S256\"]");
	}

}
