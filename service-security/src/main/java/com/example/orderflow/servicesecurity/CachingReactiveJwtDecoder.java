package com.example.orderflow.servicesecurity;

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Boot's reactive decoder (signature, issuer, audience, timestamps) behind the services'
 * {@link VerifiedTokenCache}: a client's next request with the same token skips the parse
 * and the signature check, not the expiry check.
 */
final class CachingReactiveJwtDecoder implements ReactiveJwtDecoder {

	private final ReactiveJwtDecoder decoder;

	private final VerifiedTokenCache cache;

	CachingReactiveJwtDecoder(ReactiveJwtDecoder decoder, VerifiedTokenCache cache) {
		this.decoder = decoder;
		this.cache = cache;
	}

	@Override
	public Mono<Jwt> decode(String token) {
		Jwt cached = this.cache.get(token);
		if (cached != null) {
			return Mono.just(cached);
		}
		return this.decoder.decode(token).doOnNext((jwt) -> this.cache.put(token, jwt));
	}

}
