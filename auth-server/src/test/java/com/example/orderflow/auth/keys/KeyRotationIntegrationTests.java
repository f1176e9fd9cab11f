package com.example.orderflow.auth.keys;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.example.orderflow.auth.AuthServerIntegrationTest;
import com.example.orderflow.auth.TestKeys;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rotation without downtime, as a resource server sees it: a decoder that cached the JWK
 * set before the new key existed verifies tokens of both keys.
 */
class KeyRotationIntegrationTests extends AuthServerIntegrationTest {

	@Test
	void aTokenOfTheOldKeyKeepsVerifyingAfterANewKeyTakesOverSigning() throws Exception {
		NimbusJwtDecoder resourceServer = resourceServerDecoder();
		String tokenA = operatorToken();
		Jwt verifiedA = resourceServer.decode(tokenA);
		String kidA = (String) verifiedA.getHeaders().get("kid");

		TestKeys.write(keys, "2026-06-01");
		String tokenB = operatorToken();

		assertThat(resourceServer.decode(tokenB).getHeaders()).containsEntry("kid", "2026-06-01");
		assertThat(resourceServer.decode(tokenA).getSubject()).isEqualTo(TOOLS_CLIENT);
		assertThat(kidA).isNotEqualTo("2026-06-01");
		HttpResponse<String> jwks = send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/jwks")).GET());
		JWKSet published = JWKSet.parse(jwks.body());
		assertThat(published.getKeys()).extracting(JWK::getKeyID).contains(kidA, "2026-06-01");
		assertThat(published.getKeys()).noneMatch(JWK::isPrivate);
	}

}
