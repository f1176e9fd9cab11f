package com.example.orderflow.orchestrator;

import java.util.stream.Stream;

import com.example.orderflow.messaging.test.TestDatabase;
import com.example.orderflow.messaging.test.TestKafka;

import org.springframework.boot.SpringApplication;

/**
 * Runs the orchestrator from the IDE on a fresh database of the local PostgreSQL server
 * and an in-process Kafka broker.
 */
public final class TestOrchestratorApplication {

	private TestOrchestratorApplication() {
	}

	public static void main(String[] args) {
		TestDatabase database = TestDatabase.create("orchestrator");
		String[] settings = { "--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + database.user(),
				"--spring.datasource.password=" + database.password(),
				"--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers() };
		SpringApplication.from(OrchestratorApplication::main)
			.run(Stream.concat(Stream.of(settings), Stream.of(args)).toArray(String[]::new));
	}

}
