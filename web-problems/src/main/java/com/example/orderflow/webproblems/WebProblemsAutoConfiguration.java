package com.example.orderflow.webproblems;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;

/**
 * Adds {@link FallbackProblems} to a Spring MVC service. Registered for the
 * {@code @WebMvcTest} slice as well, so that a controller test sees the answers the
 * running service gives.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
public class WebProblemsAutoConfiguration {

	@Bean
	FallbackProblems fallbackProblems() {
		return new FallbackProblems();
	}

}
