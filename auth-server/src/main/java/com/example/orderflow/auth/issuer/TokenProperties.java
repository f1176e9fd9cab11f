package com.example.orderflow.auth.issuer;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param accessTokenTtl how long an access token is accepted; also how long a key must
 * stay published after it stopped signing
 * @param refreshTokenTtl how long a refresh token (code flow) may be used; each use
 * replaces it
 * @param audience the {@code aud} of every access token: what the resource servers check
 */
@ConfigurationProperties("auth.token")
record TokenProperties(@DefaultValue("15m") Duration accessTokenTtl, @DefaultValue("8h") Duration refreshTokenTtl,
		@DefaultValue("orderflow-api") String audience) {

	TokenProperties {
		if (accessTokenTtl.isNegative() || accessTokenTtl.isZero() || refreshTokenTtl.isNegative()
				|| refreshTokenTtl.isZero()) {
			throw new IllegalArgumentException("auth.token.access-token-ttl and refresh-token-ttl must be positive");
		}
		if (audience.isBlank()) {
			throw new IllegalArgumentException("auth.token.audience must not be blank");
		}
	}

}
