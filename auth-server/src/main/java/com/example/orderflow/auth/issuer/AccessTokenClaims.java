package com.example.orderflow.auth.issuer;

import java.util.ArrayList;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * What an access token says besides {@code iss}, {@code sub} (the user's name, or the
 * client id for client credentials), {@code iat} and {@code exp}: the audience, and the
 * bearer's roles in {@code roles}.
 * <p>
 * A user's role is read from the user store on every token, refreshes included, so a
 * changed role shows in the next token; a user who no longer exists gets none.
 */
public final class AccessTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

	/** The claim with the bearer's roles, e.g. {@code ["customer"]}. */
	public static final String ROLES = "roles";

	/** The authority prefix Spring Security's {@code hasRole} expects. */
	public static final String ROLE_PREFIX = "ROLE_";

	private final String audience;

	private final ClientsProperties clients;

	private final UserDetailsService users;

	AccessTokenClaims(String audience, ClientsProperties clients, UserDetailsService users) {
		this.audience = audience;
		this.clients = clients;
		this.users = users;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			return;
		}
		// ArrayLists: the claims are stored with the authorization, and read back only as
		// types Spring Security's Jackson modules allow (List.of's are not among them)
		context.getClaims()
			.audience(new ArrayList<>(List.of(this.audience)))
			.claim(ROLES, new ArrayList<>(rolesOf(context)));
	}

	private List<String> rolesOf(JwtEncodingContext context) {
		if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
			return this.clients.rolesOfClient(context.getRegisteredClient().getClientId());
		}
		String username = context.getPrincipal().getName();
		try {
			return this.users.loadUserByUsername(username)
				.getAuthorities()
				.stream()
				.map(GrantedAuthority::getAuthority)
				.filter((authority) -> authority != null && authority.startsWith(ROLE_PREFIX))
				.map((authority) -> authority.substring(ROLE_PREFIX.length()))
				.toList();
		}
		catch (UsernameNotFoundException ex) {
			throw new OAuth2AuthenticationException(
					new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, "The user no longer exists", null));
		}
	}

}
