package com.example.orderflow.inventory;

import com.example.orderflow.messaging.test.TestDatabase;
import com.example.orderflow.messaging.test.TestKafka;

import org.springframework.boot.SpringApplication;

/**
 * Runs the service from the IDE against a fresh database on the local PostgreSQL server
 * and an in-process Kafka broker, with the demo products.
 */
public class TestInventoryApplication {

	public static void main(String[] args) {
		TestDatabase database = TestDatabase.create("inventory");
		System.setProperty("spring.datasource.url", database.url());
		System.setProperty("spring.datasource.username", database.user());
		System.setProperty("spring.datasource.password", database.password());
		System.setProperty("spring.kafka.bootstrap-servers", TestKafka.bootstrapServers());
		System.setProperty("spring.profiles.active", "demo");
		SpringApplication.run(InventoryApplication.class, args);
	}

}
