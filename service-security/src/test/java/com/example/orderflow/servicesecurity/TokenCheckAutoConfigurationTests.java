package com.example.orderflow.servicesecurity;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCheckAutoConfigurationTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TokenCheckAutoConfiguration.class));

	@Test
	void putsAServletServicesDecoderBehindTheVerifiedTokenCache() {
		AtomicInteger fullChecks = new AtomicInteger();
		this.contexts.withBean(JwtDecoder.class, () -> (token) -> {
			fullChecks.incrementAndGet();
			return jwt(token);
		}).run((context) -> {
			JwtDecoder decoder = context.getBean(JwtDecoder.class);
			decoder.decode("token");
			decoder.decode("token");
			assertThat(decoder).isInstanceOf(CachingJwtDecoder.class);
			assertThat(fullChecks).hasValue(1);
		});
	}

	@Test
	void putsTheGatewaysReactiveDecoderBehindTheVerifiedTokenCache() {
		AtomicInteger fullChecks = new AtomicInteger();
		this.contexts.withBean(ReactiveJwtDecoder.class, () -> (token) -> Mono.fromSupplier(() -> {
			fullChecks.incrementAndGet();
			return jwt(token);
		})).run((context) -> {
			ReactiveJwtDecoder decoder = context.getBean(ReactiveJwtDecoder.class);
			assertThat(decoder.decode("token").block()).isNotNull();
			assertThat(decoder.decode("token").block()).isNotNull();
			assertThat(decoder).isInstanceOf(CachingReactiveJwtDecoder.class);
			assertThat(fullChecks).hasValue(1);
		});
	}

	@Test
	void aRefusedTokenIsCheckedInFullEveryTimeInTheGatewayToo() {
		AtomicInteger fullChecks = new AtomicInteger();
		this.contexts.withBean(ReactiveJwtDecoder.class, () -> (token) -> Mono.defer(() -> {
			fullChecks.incrementAndGet();
			return Mono.error(new org.springframework.security.oauth2.jwt.BadJwtException("forged"));
		})).run((context) -> {
			ReactiveJwtDecoder decoder = context.getBean(ReactiveJwtDecoder.class);
			assertThat(decoder.decode("forged").onErrorComplete().block()).isNull();
			assertThat(decoder.decode("forged").onErrorComplete().block()).isNull();
			assertThat(fullChecks).hasValue(2);
		});
	}

	@Test
	void turnsSpringSecuritysPerFilterObservationsOff() {
		this.contexts.run((context) -> {
			SecurityObservationSettings settings = context.getBean(SecurityObservationSettings.class);
			assertThat(settings.shouldObserveRequests()).isFalse();
			assertThat(settings.shouldObserveAuthentications()).isFalse();
			assertThat(settings.shouldObserveAuthorizations()).isFalse();
		});
	}

	private static Jwt jwt(String token) {
		Instant now = Instant.now();
		return Jwt.withTokenValue(token)
			.header("alg", "RS256")
			.subject("alice")
			.issuedAt(now)
			.expiresAt(now.plusSeconds(600))
			.build();
	}

}
