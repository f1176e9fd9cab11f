package com.example.orderflow.servicesecurity;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Boot's decoder (signature, issuer, audience, timestamps) behind a
 * {@link VerifiedTokenCache}.
 */
final class CachingJwtDecoder implements JwtDecoder {

	private final JwtDecoder decoder;

	private final VerifiedTokenCache cache;

	CachingJwtDecoder(JwtDecoder decoder, VerifiedTokenCache cache) {
		this.decoder = decoder;
		this.cache = cache;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt cached = this.cache.get(token);
		if (cached != null) {
			return cached;
		}
		Jwt jwt = this.decoder.decode(token);
		this.cache.put(token, jwt);
		return jwt;
	}

}
