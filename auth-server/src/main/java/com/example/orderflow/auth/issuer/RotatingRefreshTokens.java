package com.example.orderflow.auth.issuer;

import java.time.Instant;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Refresh tokens for every client allowed the refresh grant, public clients included,
 * which Spring's generator leaves out. OAuth 2.1 (section 4.3.1) lets a public client
 * have them when each use replaces the token, so this one issues them to a public client
 * only if its settings forbid reuse: a stolen token then works once, and its next use by
 * either party fails.
 */
final class RotatingRefreshTokens implements OAuth2TokenGenerator<OAuth2RefreshToken> {

	private final StringKeyGenerator values = new Base64StringKeyGenerator(Base64.getUrlEncoder().withoutPadding(), 96);

	@Override
	public @Nullable OAuth2RefreshToken generate(OAuth2TokenContext context) {
		RegisteredClient client = context.getRegisteredClient();
		if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())
				|| !client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)) {
			return null;
		}
		if (client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)
				&& client.getTokenSettings().isReuseRefreshTokens()) {
			return null;
		}
		Instant issuedAt = Instant.now();
		return new OAuth2RefreshToken(this.values.generateKey(), issuedAt,
				issuedAt.plus(client.getTokenSettings().getRefreshTokenTimeToLive()));
	}

}
