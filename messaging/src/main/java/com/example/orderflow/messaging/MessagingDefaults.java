package com.example.orderflow.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Settings every service that uses this library gets, once rather than in each one's
 * application.yml ({@code orderflow-messaging.properties}): readiness includes the
 * consumers and the relay. Last in precedence: a service's own configuration still wins.
 */
class MessagingDefaults implements EnvironmentPostProcessor {

	static final String LOCATION = "orderflow-messaging.properties";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		try {
			environment.getPropertySources()
				.addLast(new ResourcePropertySource("orderflow-messaging", new ClassPathResource(LOCATION)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + LOCATION, ex);
		}
	}

}
