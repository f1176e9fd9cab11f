package com.example.orderflow.servicesecurity;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Boot's resource server properties bound to the variables every deployment sets
 * ({@code AUTH_ISSUER}, {@code AUTH_JWK_SET_URI}, {@code AUTH_AUDIENCE},
 * {@code AUTH_ROLES_CLAIM}, {@code AUTH_PRINCIPAL_CLAIM}), once for the four services
 * rather than in each one's application.yml. Last in precedence: a service's own
 * configuration still wins.
 */
class ResourceServerDefaults implements EnvironmentPostProcessor {

	static final String LOCATION = "orderflow-resource-server.properties";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		try {
			environment.getPropertySources()
				.addLast(new ResourcePropertySource("orderflow-resource-server", new ClassPathResource(LOCATION)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + LOCATION, ex);
		}
	}

}
