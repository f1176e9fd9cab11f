package com.example.orderflow.payment.provider;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The provider behind its Resilience4j instances, all named {@value #INSTANCE} and
 * configured in application.yml; the registries come from Resilience4j's Spring Boot
 * support, which also publishes their state on actuator and as metrics.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PaymentProviderProperties.class)
class PaymentProviderConfiguration {

	static final String INSTANCE = "payment-provider";

	@Bean(destroyMethod = "shutdownNow")
	PaymentProvider paymentProvider(PaymentProviderProperties properties, CircuitBreakerRegistry circuitBreakers,
			RetryRegistry retries, BulkheadRegistry bulkheads, TimeLimiterRegistry timeLimiters) {
		return new PaymentProvider(new PaymentProviderClient(properties), circuitBreakers.circuitBreaker(INSTANCE),
				retries.retry(INSTANCE), bulkheads.bulkhead(INSTANCE), timeLimiters.timeLimiter(INSTANCE),
				scheduler("payment-provider-retry-", 2), scheduler("payment-provider-timeout-", 1));
	}

	private static ScheduledExecutorService scheduler(String name, int threads) {
		return Executors.newScheduledThreadPool(threads, Thread.ofPlatform().name(name, 0).daemon().factory());
	}

}
