package com.example.orderflow.order;

import java.util.stream.Stream;

import com.example.orderflow.messaging.test.TestDatabase;
import com.example.orderflow.messaging.test.TestKafka;

import org.springframework.boot.SpringApplication;

/**
 * Runs order-service from the IDE against a fresh database on the local PostgreSQL server
 * and an embedded Kafka broker.
 */
public final class TestOrderApplication {

	private TestOrderApplication() {
	}

	public static void main(String[] args) {
		TestDatabase database = TestDatabase.create("orders");
		// Command-line arguments, because they outrank application.yml.
		String[] infrastructure = { "--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + database.user(),
				"--spring.datasource.password=" + database.password(),
				"--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers() };
		SpringApplication.run(OrderApplication.class,
				Stream.concat(Stream.of(infrastructure), Stream.of(args)).toArray(String[]::new));
	}

}
