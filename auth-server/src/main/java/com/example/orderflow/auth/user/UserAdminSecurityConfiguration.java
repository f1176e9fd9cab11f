package com.example.orderflow.auth.user;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.example.orderflow.auth.issuer.AccessTokenClaims;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code /users/**} is an OAuth2 resource server of this issuer's own access tokens, open
 * to operators only. Refusals are problem details like every other error of the API, with
 * the {@code WWW-Authenticate} header RFC 6750 asks for.
 */
@Configuration(proxyBeanMethods = false)
class UserAdminSecurityConfiguration {

	private static final String OPERATOR = "operator";

	@Bean
	@Order(2)
	SecurityFilterChain userAdminChain(HttpSecurity http, JsonMapper json) throws Exception {
		BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
		BearerTokenAccessDeniedHandler denial = new BearerTokenAccessDeniedHandler();
		return http.securityMatcher("/users/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().hasRole(OPERATOR))
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.jwtAuthenticationConverter(rolesAsAuthorities()))
				.authenticationEntryPoint((request, response, ex) -> {
					challenge.commence(request, response, ex);
					writeProblem(json, request, response, HttpStatus.UNAUTHORIZED,
							"A valid bearer token from this issuer is required.");
				})
				.accessDeniedHandler((request, response, ex) -> {
					denial.handle(request, response, ex);
					writeProblem(json, request, response, HttpStatus.FORBIDDEN, "Only an operator may manage users.");
				}))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// bearer tokens, no cookies: nothing for a forged cross-site request to ride
			// on
			.csrf(AbstractHttpConfigurer::disable)
			.build();
	}

	private static JwtAuthenticationConverter rolesAsAuthorities() {
		JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
		roles.setAuthoritiesClaimName(AccessTokenClaims.ROLES);
		roles.setAuthorityPrefix(AccessTokenClaims.ROLE_PREFIX);
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(roles);
		return converter;
	}

	private static void writeProblem(JsonMapper json, HttpServletRequest request, HttpServletResponse response,
			HttpStatus status, String detail) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		problem.put("detail", detail);
		problem.put("instance", request.getRequestURI());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}

}
