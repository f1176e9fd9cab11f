package com.example.orderflow.auth.issuer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Spring's authorization store, plus what OAuth 2.1 (section 4.3.1) and RFC 9700 (section
 * 4.14.2) ask of rotated refresh tokens: when a refresh replaces a token, the old one is
 * remembered (by its SHA-256); when it is presented again, someone holds a copy, and the
 * whole authorization is revoked, its current refresh token included, since the issuer
 * cannot tell whether the thief or the client presented it first.
 */
final class RefreshTokenReuseDetection implements OAuth2AuthorizationService {

	private static final Logger log = LoggerFactory.getLogger(RefreshTokenReuseDetection.class);

	private final OAuth2AuthorizationService authorizations;

	private final JdbcClient jdbc;

	RefreshTokenReuseDetection(OAuth2AuthorizationService authorizations, JdbcClient jdbc) {
		this.authorizations = authorizations;
		this.jdbc = jdbc;
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		String current = refreshTokenOf(authorization);
		if (current == null) {
			// a code, a client-credentials token: nothing was rotated, nothing to look up
			this.authorizations.save(authorization);
			return;
		}
		OAuth2Authorization previous = this.authorizations.findById(authorization.getId());
		this.authorizations.save(authorization);
		String replaced = refreshTokenOf(previous);
		if (replaced != null && !replaced.equals(current)) {
			this.jdbc
				.sql("insert into rotated_refresh_tokens (token_sha256, authorization_id) values (?, ?) "
						+ "on conflict do nothing")
				.params(sha256(replaced), authorization.getId())
				.update();
		}
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		this.authorizations.remove(authorization);
	}

	@Override
	public @Nullable OAuth2Authorization findById(String id) {
		return this.authorizations.findById(id);
	}

	@Override
	public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
		OAuth2Authorization found = this.authorizations.findByToken(token, tokenType);
		if (found != null || (tokenType != null && !OAuth2TokenType.REFRESH_TOKEN.equals(tokenType))) {
			return found;
		}
		String reusedIn = this.jdbc.sql("select authorization_id from rotated_refresh_tokens where token_sha256 = ?")
			.param(sha256(token))
			.query(String.class)
			.optional()
			.orElse(null);
		if (reusedIn != null) {
			OAuth2Authorization revoked = this.authorizations.findById(reusedIn);
			if (revoked != null) {
				log.warn("A rotated-out refresh token of {} (client {}) was presented again: revoked the authorization",
						revoked.getPrincipalName(), revoked.getRegisteredClientId());
				this.authorizations.remove(revoked);
			}
		}
		return null;
	}

	private static @Nullable String refreshTokenOf(@Nullable OAuth2Authorization authorization) {
		if (authorization == null) {
			return null;
		}
		OAuth2Authorization.Token<OAuth2RefreshToken> refresh = authorization.getRefreshToken();
		return (refresh != null) ? refresh.getToken().getTokenValue() : null;
	}

	private static String sha256(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM has SHA-256", ex);
		}
	}

}
