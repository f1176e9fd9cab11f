package com.example.orderflow.payment;

import java.util.stream.Stream;

import com.example.orderflow.messaging.test.TestDatabase;
import com.example.orderflow.messaging.test.TestKafka;

import org.springframework.boot.SpringApplication;

/**
 * Runs payment-service from the IDE with the demo accounts, on a fresh database of the
 * local PostgreSQL server, an in-process Kafka broker and a WireMock payment provider.
 */
public final class TestPaymentApplication {

	private TestPaymentApplication() {
	}

	public static void main(String[] args) {
		TestDatabase database = TestDatabase.create("payments");
		String[] settings = { "--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + database.user(),
				"--spring.datasource.password=" + database.password(),
				"--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
				"--payment.provider.url=" + TestPaymentProvider.url() };
		SpringApplication.from(PaymentApplication::main)
			.withAdditionalProfiles("demo")
			.run(Stream.concat(Stream.of(settings), Stream.of(args)).toArray(String[]::new));
	}

}
