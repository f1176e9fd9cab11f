package com.example.orderflow.servicesecurity;

import java.io.IOException;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/**
 * Passes the caller's own token on when a service asks another one during a request
 * (order-service checking a product and an account), so the next service checks the same
 * caller: no service-wide credential that would let one compromised service act for
 * everyone. Add it to a {@code RestClient} with {@code requestInterceptor}.
 */
public final class BearerTokenRelay implements ClientHttpRequestInterceptor {

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> token) {
			request.getHeaders().setBearerAuth(token.getToken().getTokenValue());
		}
		return execution.execute(request, body);
	}

}
