package com.example.orderflow.auth.issuer;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * The registered clients, how tokens are made and checked, and where authorizations
 * (codes, refresh tokens) live: in this server's database, so they survive a restart and
 * any replica can redeem what another issued.
 */
@Configuration(proxyBeanMethods = false)
class IssuerConfiguration {

	@Bean
	RegisteredClientRepository registeredClients(ClientsProperties clients, TokenProperties tokens,
			PasswordEncoder passwords) {
		RegisteredClient web = RegisteredClient.withId(stableId(clients.web().id()))
			.clientId(clients.web().id())
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUris((uris) -> uris.addAll(clients.web().redirectUris()))
			.scope(OidcScopes.OPENID)
			.scope(OidcScopes.PROFILE)
			// S256 is the only method Spring accepts; a first-party client asks no
			// consent
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
			.tokenSettings(tokenSettings(tokens).reuseRefreshTokens(false)
				.refreshTokenTimeToLive(tokens.refreshTokenTtl())
				.build())
			.build();
		RegisteredClient tools = RegisteredClient.withId(stableId(clients.tools().id()))
			.clientId(clients.tools().id())
			.clientSecret(passwords.encode(clients.tools().secret()))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenSettings(tokenSettings(tokens).build())
			.build();
		return new InMemoryRegisteredClientRepository(web, tools);
	}

	/**
	 * Stored authorizations name their client by this id: it must be the same after a
	 * restart and on every replica, so it is derived from the client id, not random.
	 */
	private static String stableId(String clientId) {
		return UUID.nameUUIDFromBytes(clientId.getBytes(StandardCharsets.UTF_8)).toString();
	}

	private static TokenSettings.Builder tokenSettings(TokenProperties tokens) {
		return TokenSettings.builder()
			.accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
			.accessTokenTimeToLive(tokens.accessTokenTtl());
	}

	@Bean
	OAuth2AuthorizationService authorizationService(JdbcOperations jdbc, JdbcClient sql,
			RegisteredClientRepository clients) {
		return new RefreshTokenReuseDetection(new JdbcOAuth2AuthorizationService(jdbc, clients), sql);
	}

	@Bean
	AccessTokenClaims accessTokenClaims(TokenProperties tokens, ClientsProperties clients, UserDetailsService users) {
		return new AccessTokenClaims(tokens.audience(), clients, users);
	}

	@Bean
	OAuth2TokenGenerator<OAuth2Token> tokenGenerator(JwtEncoder encoder, AccessTokenClaims claims) {
		JwtGenerator jwts = new JwtGenerator(encoder);
		jwts.setJwtCustomizer(claims);
		return new DelegatingOAuth2TokenGenerator(jwts, new RotatingRefreshTokens());
	}

	/**
	 * Accepts this server's access tokens only: its own keys, its issuer, its audience
	 * (an ID token, signed by the same keys, is not an access token).
	 */
	@Bean
	JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys, AuthorizationServerSettings settings,
			TokenProperties tokens) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).build();
		decoder.setJwtValidator(
				new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(settings.getIssuer()),
						new JwtAudienceValidator(tokens.audience())));
		return decoder;
	}

}
