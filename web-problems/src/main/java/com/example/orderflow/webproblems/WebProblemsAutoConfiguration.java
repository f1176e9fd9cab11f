package com.example.orderflow.webproblems;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/**
 * Adds {@link FallbackProblems}, {@link StrictJson} and the {@link PlainTextRequests}
 * filter to a Spring MVC service. Registered for the {@code @WebMvcTest} slice as well,
 * so that a controller test sees the answers the running service gives.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
public class WebProblemsAutoConfiguration {

	@Bean
	FallbackProblems fallbackProblems() {
		return new FallbackProblems();
	}

	@Bean
	StrictJson strictJson() {
		return new StrictJson();
	}

	@Bean
	FilterRegistrationBean<PlainTextRequests> plainTextRequests(ObjectProvider<JsonMapper> json) {
		FilterRegistrationBean<PlainTextRequests> registration = new FilterRegistrationBean<>(
				new PlainTextRequests(json.getIfAvailable(JsonMapper::new)));
		// before Spring Security, whose firewall would refuse some of these without a
		// body
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
