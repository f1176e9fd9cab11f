package com.example.orderflow.order.catalog;

import java.io.IOException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/**
 * Asks the other services with the caller's own token: they check it as they check any
 * call, so a lookup sees what the caller may see and no more (a customer's own account,
 * the products), and order-service holds no credential of its own. Without a token in the
 * security context (no request behind the lookup) nothing is added, and the other service
 * refuses, which the lookup treats as not knowing.
 */
final class BearerTokenRelay implements ClientHttpRequestInterceptor {

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
