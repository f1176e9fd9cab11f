package com.example.orderflow.orchestrator.config;

import java.util.Random;
import java.util.random.RandomGenerator;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RandomConfig {

	/**
	 * Jitter of the saga's retry backoffs is drawn from this, so saga tests can fix it.
	 * {@link Random} because listener, sweeper and web threads share it (it is
	 * thread-safe); not cryptographic, as it only spreads re-sends over time.
	 */
	@Bean
	@ConditionalOnMissingBean
	RandomGenerator jitter() {
		return new Random();
	}

}
