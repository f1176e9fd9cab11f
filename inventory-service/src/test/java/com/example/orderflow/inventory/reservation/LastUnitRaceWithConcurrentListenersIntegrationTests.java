package com.example.orderflow.inventory.reservation;

import com.example.orderflow.messaging.test.TestDatabase;
import com.example.orderflow.messaging.test.TestKafka;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The race with three listener threads sharing the topic's six partitions: their
 * transactions contend for the same product rows, as several instances would.
 */
@SpringBootTest(properties = "spring.kafka.listener.concurrency=3")
// one application context at a time: a cached one would keep consuming inventory.commands
@DirtiesContext
class LastUnitRaceWithConcurrentListenersIntegrationTests extends LastUnitRaceScenario {

	static final TestDatabase database = TestDatabase.create("inventory");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
	}

}
