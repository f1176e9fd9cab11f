package com.example.orderflow.auth.issuer;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The clients this issuer knows: a fixed pair, so configuration rather than a table.
 *
 * @param web the public client of browsers and command-line tools: authorization code
 * with PKCE, refresh tokens
 * @param tools the confidential client of ./stack, the drills and the tests: client
 * credentials, acting as an operator
 */
@ConfigurationProperties("auth.clients")
record ClientsProperties(@DefaultValue Web web, @DefaultValue Tools tools) {

	/**
	 * @param id the client id
	 * @param redirectUris where codes may be sent; a loopback address
	 * ({@code http://127.0.0.1/...}) matches on any port, as RFC 8252 asks for native
	 * apps
	 */
	record Web(@DefaultValue("orderflow-web") String id, @DefaultValue( {
			"http://127.0.0.1:8080/login/oauth2/code/orderflow",
			"http://127.0.0.1/callback" }) List<String> redirectUris){

		Web {
			if (redirectUris.isEmpty()) {
				throw new IllegalArgumentException("auth.clients.web.redirect-uris must name at least one URI");
			}
		}

	}

	/**
	 * @param id the client id, also the subject of its tokens
	 * @param secret from {@code AUTH_TOOLS_CLIENT_SECRET} only, never from a file in the
	 * repository
	 * @param roles what its tokens carry in {@code roles}
	 */
	record Tools(@DefaultValue("orderflow-tools") String id, @Nullable String secret,
			@DefaultValue("operator") List<String> roles) {

		static final int MIN_SECRET_LENGTH = 16;

		Tools {
			if (secret == null || secret.isBlank()) {
				throw new IllegalArgumentException("AUTH_TOOLS_CLIENT_SECRET is not set: the " + id
						+ " client needs a secret from the environment (at least " + MIN_SECRET_LENGTH
						+ " characters, e.g. openssl rand -hex 32); none is ever kept in the repository");
			}
			if (secret.length() < MIN_SECRET_LENGTH) {
				throw new IllegalArgumentException("AUTH_TOOLS_CLIENT_SECRET is too short: at least "
						+ MIN_SECRET_LENGTH + " characters, e.g. openssl rand -hex 32");
			}
		}

		@Override
		public String toString() {
			// keeps the secret out of logs and failure reports
			return "Tools[id=" + this.id + ", roles=" + this.roles + "]";
		}

	}

	/**
	 * The roles a client's own tokens carry (client credentials): none but the tools'.
	 */
	List<String> rolesOfClient(String clientId) {
		return this.tools.id().equals(clientId) ? this.tools.roles() : List.of();
	}

}
