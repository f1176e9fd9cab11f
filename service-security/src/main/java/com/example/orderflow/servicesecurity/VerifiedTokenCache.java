package com.example.orderflow.servicesecurity;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * Tokens whose signature, issuer and audience were verified a moment ago, by their exact
 * text. A client sends the same token with every request for its lifetime (15 minutes
 * from the local issuer), and each check of it parses its JSON and verifies an RS256
 * signature: about a tenth of a request's CPU in the gateway and again in the service
 * (docs/benchmark.md). A hit is checked again for expiry and not-before, which change
 * with the clock; what else was verified depends only on the text.
 * <p>
 * An entry lives {@value #LIFETIME_SECONDS} seconds at most: that long a token signed by
 * a key the issuer has just withdrawn is still accepted by an instance that verified it
 * before, which is shorter than the key set cache's own refresh (5 minutes) that bounds
 * the same window without this cache. Only successful verifications are kept, so a forged
 * token costs a full check every time.
 */
final class VerifiedTokenCache {

	static final int LIFETIME_SECONDS = 60;

	private static final int MAXIMUM_TOKENS = 4096;

	private final Cache<String, Jwt> verified;

	private final JwtTimestampValidator timestamps = new JwtTimestampValidator();

	VerifiedTokenCache() {
		this(Duration.ofSeconds(LIFETIME_SECONDS));
	}

	VerifiedTokenCache(Duration lifetime) {
		this.verified = Caffeine.newBuilder().expireAfterWrite(lifetime).maximumSize(MAXIMUM_TOKENS).build();
	}

	/**
	 * @return the token verified earlier and still within its validity, or null
	 */
	@Nullable Jwt get(String token) {
		Jwt jwt = this.verified.getIfPresent(token);
		if (jwt == null) {
			return null;
		}
		if (this.timestamps.validate(jwt).hasErrors()) {
			this.verified.invalidate(token);
			return null;
		}
		return jwt;
	}

	/** Call only with what the full check accepted. */
	void put(String token, Jwt verified) {
		this.verified.put(token, verified);
	}

}
