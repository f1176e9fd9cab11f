package com.example.orderflow.gateway.security;

import com.example.orderflow.gateway.ratelimit.ApiRateLimit;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.server.ResponseStatusException;

/**
 * The gateway's one security filter chain. Roles are checked coarsely, by path and
 * method; each service checks them again and adds ownership (a customer reaches only
 * their own data), which a path cannot express. The token is validated against the
 * issuer's JWK set, with issuer, audience, roles claim and principal claim from Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*} (the {@code AUTH_*} variables in
 * application.yml); service-security's {@code TokenCheckAutoConfiguration} puts its
 * decoder behind the verified-token cache, as in every service.
 * <p>
 * The request id, path guard and body limit filters run before this chain (Spring
 * Security's sits at order -100), so its refusals carry an id and a refused path never
 * gets as far as a token check.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurityConfiguration {

	static final String CUSTOMER = "customer";

	static final String OPERATOR = "operator";

	/**
	 * The probes, the metrics scrape and the API description with its Swagger UI
	 * (/api/docs redirects to the UI's files, which springdoc serves under
	 * /api/swagger-ui, and the UI reads its settings from /v3/api-docs/swagger-config).
	 */
	static final String[] OPEN = { "/api/docs/**", "/api/openapi.json", "/api/swagger-ui/**",
			"/v3/api-docs/swagger-config", "/actuator/health/**", "/actuator/info", "/actuator/prometheus" };

	/**
	 * What Spring Security's firewall refuses (a {@code ;} or {@code //} in a path the
	 * path guard let through, a header value it will not pass on) is a 400 problem like
	 * every other refusal of the gateway, not an empty answer, and does not echo it.
	 */
	@Bean
	ServerExchangeRejectedHandler firewallProblems() {
		return (exchange, ex) -> Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST,
				"The request was refused: its URL or a header contains characters or sequences that are not allowed."));
	}

	@Bean
	SecurityWebFilterChain gatewaySecurityFilterChain(ServerHttpSecurity http, ApiRateLimit rateLimit) {
		SecurityProblems problems = new SecurityProblems();
		return http
			.authorizeExchange((exchanges) -> exchanges.pathMatchers(OPEN)
				.permitAll()
				.pathMatchers("/actuator/**")
				.hasRole(OPERATOR)
				// a trailing slash must not slip past the check, whatever a service makes
				// of it
				.pathMatchers(HttpMethod.GET, "/api/sagas", "/api/sagas/")
				.hasRole(OPERATOR)
				.pathMatchers(HttpMethod.POST, "/api/sagas/*/retry", "/api/sagas/*/retry/")
				.hasRole(OPERATOR)
				.pathMatchers(HttpMethod.GET, "/api/products/**")
				.hasAnyRole(CUSTOMER, OPERATOR)
				.pathMatchers("/api/products/**")
				.hasRole(OPERATOR)
				.pathMatchers("/api/**")
				.hasAnyRole(CUSTOMER, OPERATOR)
				.anyExchange()
				.authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults())
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems)
				.authenticationFailureHandler(rateLimit.countingRefusedTokens(problems)))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			// after authentication, so that it can key on the principal
			.addFilterAfter(rateLimit.filter(), SecurityWebFiltersOrder.AUTHENTICATION)
			// bearer tokens only: no session, no cookie, so no cross-site request to
			// forge
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.build();
	}

}
