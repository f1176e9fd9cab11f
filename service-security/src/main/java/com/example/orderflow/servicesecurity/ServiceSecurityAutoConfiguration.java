package com.example.orderflow.servicesecurity;

import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The service's one filter chain: every request needs a valid token with a role but the
 * probes, the metrics scrape and the API description; the actuator's other endpoints (the
 * chaos assaults among them) are for operators. Before Boot's own security
 * configurations, whose default chains back off when this one exists. Operator actions
 * say so on the controller method ({@code @PreAuthorize(Roles.OPERATOR_ONLY)}); ownership
 * is the controller's check, through {@link Caller}.
 */
@AutoConfiguration(before = { ServletWebSecurityAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class,
		OAuth2ResourceServerAutoConfiguration.class })
@ConditionalOnWebApplication(type = Type.SERVLET)
@EnableMethodSecurity
public class ServiceSecurityAutoConfiguration {

	static final String[] OPEN = { "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
			"/v3/api-docs", "/v3/api-docs/**", "/error" };

	@Bean
	SecurityFilterChain serviceSecurityFilterChain(HttpSecurity http, JsonMapper json) {
		SecurityProblems problems = new SecurityProblems(json);
		http.authorizeHttpRequests((requests) -> requests.requestMatchers(OPEN)
			.permitAll()
			.requestMatchers("/actuator/**")
			.hasRole(Roles.OPERATOR)
			.anyRequest()
			.hasAnyRole(Roles.CUSTOMER, Roles.OPERATOR))
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults())
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			// bearer tokens only: no session, no cookie, so no cross-site request to
			// forge
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable());
		return http.build();
	}

	/** Spring Security's firewall hands what it refuses to the one bean of this type. */
	@Bean
	RequestRejectedHandler firewallProblems(JsonMapper json) {
		return new SecurityProblems(json);
	}

	@Bean
	MethodSecurityProblems methodSecurityProblems() {
		return new MethodSecurityProblems();
	}

	@Bean
	WebMvcConfigurer callerArgument() {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new CallerArgumentResolver());
			}
		};
	}

}
