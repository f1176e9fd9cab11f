package com.example.orderflow.servicesecurity;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Why a presented token was refused, in a plain sentence for the client: expired, not yet
 * valid, for another audience or issuer, signed with an algorithm we do not take, a
 * signature that does not verify, or unreadable. Spring Security's own descriptions name
 * the parser's internals ("Invalid JWT serialization", "No JWE key selector is
 * configured"), which tell an attacker what runs here and a client nothing useful. Used
 * by the gateway and every service, so both say the same.
 */
public final class TokenRefusalReasons {

	private TokenRefusalReasons() {
	}

	/**
	 * @param description the refusal's description from Spring Security, if any
	 * @return a sentence about the token, never about the code that read it
	 */
	public static String plain(@Nullable String description) {
		String why = (description != null) ? description.toLowerCase(Locale.ROOT) : "";
		if (why.contains("expired")) {
			return "The token has expired.";
		}
		if (why.contains("used before") || why.contains("nbf")) {
			return "The token is not valid yet.";
		}
		if (why.contains("aud claim")) {
			return "The token was issued for another audience.";
		}
		if (why.contains("iss claim")) {
			return "The token was issued by another issuer.";
		}
		if (why.contains("bearer token is malformed")) {
			return "The Authorization header does not hold a bearer token.";
		}
		if (why.contains("algorithm")) {
			return "The token is not signed with an algorithm this API accepts.";
		}
		if (why.contains("signature") || why.contains("failed to validate")) {
			return "The token's signature does not verify.";
		}
		return "The token cannot be read as a signed token of this API's issuer.";
	}

}
