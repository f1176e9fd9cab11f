package com.example.orderflow.servicesecurity;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * How a token is checked, the same in the gateway (reactive) and every service (servlet):
 * whichever decoder Boot (or the application) made is put behind a
 * {@link VerifiedTokenCache}, so a token seen a moment ago is not parsed and verified
 * again; and Spring Security wraps no Micrometer observation around each of a dozen
 * filters, the authentication and the authorization of every request, which cost more
 * than the checks they time (docs/benchmark.md). The request itself is still observed
 * (http.server.requests) and traced by the OpenTelemetry agent.
 */
@AutoConfiguration
public class TokenCheckAutoConfiguration {

	@Bean
	static BeanPostProcessor verifiedTokenCacheForJwtDecoder() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof JwtDecoder decoder && !(bean instanceof CachingJwtDecoder))
						? new CachingJwtDecoder(decoder, new VerifiedTokenCache()) : bean;
			}
		};
	}

	@Bean
	@ConditionalOnMissingBean
	SecurityObservationSettings noSecurityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	/** Where Reactor is, as in the gateway; a servlet service has none. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Mono.class)
	static class Reactive {

		@Bean
		static BeanPostProcessor verifiedTokenCacheForReactiveJwtDecoder() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					return (bean instanceof ReactiveJwtDecoder decoder && !(bean instanceof CachingReactiveJwtDecoder))
							? new CachingReactiveJwtDecoder(decoder, new VerifiedTokenCache()) : bean;
				}
			};
		}

	}

}
