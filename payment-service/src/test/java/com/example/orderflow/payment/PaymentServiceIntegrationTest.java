package com.example.orderflow.payment;

import com.example.orderflow.messaging.test.TestDatabase;
import com.example.orderflow.messaging.test.TestKafka;
import com.example.orderflow.servicesecurity.test.TestIssuer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of every {@code @SpringBootTest} here, so they all share one cached application
 * context: a second context would join the same consumer group on the JVM's one broker
 * and take commands meant for the first one's database. Tests stay apart by using fresh
 * order and customer ids. Requests carry tokens from the test issuer ({@link Bearer}).
 */
@SpringBootTest
@AutoConfigureMockMvc
public abstract class PaymentServiceIntegrationTest {

	static final TestDatabase database = TestDatabase.create("payments");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		TestIssuer.register(registry);
		registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
		// several listener threads, so charges for one customer really race
		registry.add("spring.kafka.listener.concurrency", () -> 3);
		registry.add("payment.provider.url", TestPaymentProvider::url);
		// small numbers, so tests see the patterns act within seconds
		registry.add("resilience4j.circuitbreaker.instances.payment-provider.sliding-window-size", () -> 10);
		registry.add("resilience4j.circuitbreaker.instances.payment-provider.minimum-number-of-calls", () -> 6);
		registry.add("resilience4j.circuitbreaker.instances.payment-provider.wait-duration-in-open-state", () -> "2s");
		registry.add("resilience4j.retry.instances.payment-provider.wait-duration", () -> "100ms");
		registry.add("resilience4j.timelimiter.instances.payment-provider.timeout-duration", () -> "1s");
		registry.add("resilience4j.bulkhead.instances.payment-provider.max-concurrent-calls", () -> 4);
		registry.add("resilience4j.bulkhead.instances.payment-provider.max-wait-duration", () -> "100ms");
	}

}
