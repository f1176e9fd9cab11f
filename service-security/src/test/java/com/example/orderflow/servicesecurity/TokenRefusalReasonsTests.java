package com.example.orderflow.servicesecurity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenRefusalReasonsTests {

	@Test
	void saysWhatIsWrongWithTheTokenInAPlainSentence() {
		assertThat(TokenRefusalReasons.plain("Jwt expired at 2026-12-07T08:00:00Z"))
			.isEqualTo("The token has expired.");
		assertThat(TokenRefusalReasons.plain("Jwt used before 2026-12-07T08:00:00Z"))
			.isEqualTo("The token is not valid yet.");
		assertThat(TokenRefusalReasons.plain("The aud claim is not valid"))
			.isEqualTo("The token was issued for another audience.");
		assertThat(TokenRefusalReasons.plain("The iss claim is not valid"))
			.isEqualTo("The token was issued by another issuer.");
		assertThat(TokenRefusalReasons.plain("Unsupported algorithm of none"))
			.isEqualTo("The token is not signed with an algorithm this API accepts.");
		assertThat(TokenRefusalReasons.plain("Failed to validate the token"))
			.isEqualTo("The token's signature does not verify.");
	}

	@Test
	void neverNamesTheParsersInternals() {
		for (String internal : new String[] {
				"An error occurred while attempting to decode the Jwt: No JWE key selector is configured",
				"An error occurred while attempting to decode the Jwt: Invalid JWT serialization: Missing dot delimiter(s)",
				"something nobody expected", null }) {
			assertThat(TokenRefusalReasons.plain(internal)).as(internal)
				.isEqualTo("The token cannot be read as a signed token of this API's issuer.");
		}
	}

}
