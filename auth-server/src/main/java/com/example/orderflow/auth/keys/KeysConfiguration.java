package com.example.orderflow.auth.keys;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The JWK source the authorization server publishes on {@code /oauth2/jwks} (and this
 * server verifies its own tokens with), and the encoder that signs with the newest key
 * only: handed several keys, the encoder would refuse to choose.
 */
@Configuration(proxyBeanMethods = false)
class KeysConfiguration {

	@Bean
	SigningKeys signingKeys(KeysProperties properties) {
		return new SigningKeys(properties.dir());
	}

	@Bean
	JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
		return (selector, context) -> selector.select(keys.published());
	}

	@Bean
	JwtEncoder jwtEncoder(SigningKeys keys) {
		return new NimbusJwtEncoder((selector, context) -> selector.select(new JWKSet(keys.signing())));
	}

}
