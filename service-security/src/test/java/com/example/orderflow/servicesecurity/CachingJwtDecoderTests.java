package com.example.orderflow.servicesecurity;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CachingJwtDecoderTests {

	private final AtomicInteger fullChecks = new AtomicInteger();

	@Test
	void verifiesATokenOnceWhileItIsCached() {
		JwtDecoder decoder = new CachingJwtDecoder(counting((token) -> jwt(token, Instant.now().plusSeconds(600))),
				new VerifiedTokenCache());

		Jwt first = decoder.decode("token-a");
		Jwt second = decoder.decode("token-a");

		assertThat(second).isSameAs(first);
		assertThat(this.fullChecks).hasValue(1);
	}

	@Test
	void checksEachDifferentTokenInFull() {
		JwtDecoder decoder = new CachingJwtDecoder(counting((token) -> jwt(token, Instant.now().plusSeconds(600))),
				new VerifiedTokenCache());

		assertThat(decoder.decode("token-a").getTokenValue()).isEqualTo("token-a");
		assertThat(decoder.decode("token-b").getTokenValue()).isEqualTo("token-b");

		assertThat(this.fullChecks).hasValue(2);
	}

	@Test
	void neverRemembersARefusedToken() {
		JwtDecoder decoder = new CachingJwtDecoder(counting((token) -> {
			throw new BadJwtException("forged");
		}), new VerifiedTokenCache());

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("forged"));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("forged"));

		assertThat(this.fullChecks).hasValue(2);
	}

	@Test
	void checksACachedTokenInFullOnceItHasExpired() {
		// expired beyond the validator's 60 s of clock skew, as the full check would say
		Jwt expired = jwt("old", Instant.now().minusSeconds(120));
		VerifiedTokenCache cache = new VerifiedTokenCache();
		cache.put("old", expired);
		JwtDecoder decoder = new CachingJwtDecoder(counting((token) -> {
			throw new BadJwtException("Jwt expired");
		}), cache);

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("old"));
		assertThat(cache.get("old")).isNull();
		assertThat(this.fullChecks).hasValue(1);
	}

	@Test
	void forgetsAVerifiedTokenAfterItsLifetimeInTheCache() throws InterruptedException {
		VerifiedTokenCache cache = new VerifiedTokenCache(Duration.ofMillis(50));
		JwtDecoder decoder = new CachingJwtDecoder(counting((token) -> jwt(token, Instant.now().plusSeconds(600))),
				cache);

		decoder.decode("token-a");
		Thread.sleep(200);
		decoder.decode("token-a");

		assertThat(this.fullChecks).hasValue(2);
	}

	private JwtDecoder counting(JwtDecoder full) {
		return (token) -> {
			this.fullChecks.incrementAndGet();
			return full.decode(token);
		};
	}

	private static Jwt jwt(String token, Instant expiresAt) {
		return Jwt.withTokenValue(token)
			.header("alg", "RS256")
			.subject("alice")
			.issuedAt(expiresAt.minusSeconds(900))
			.expiresAt(expiresAt)
			.build();
	}

}
