package com.example.orderflow.messaging;

import java.time.Duration;

import com.example.orderflow.messaging.test.TestDatabase;
import com.example.orderflow.messaging.test.TestKafka;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox meters against a real database and broker. The listeners stay stopped: the
 * consumer tests' context, cached alongside this one, owns the test topics.
 */
@SpringBootTest(classes = MessagingTestApplication.class)
class OutboxMetricsIntegrationTests {

	static final TestDatabase database = TestDatabase.create("messaging");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
		registry.add("spring.kafka.consumer.group-id", () -> "messaging-metrics-test");
		registry.add("spring.kafka.listener.auto-startup", () -> "false");
		registry.add("spring.flyway.locations", () -> "classpath:db/messaging-test");
		registry.add("messaging.outbox.backlog-refresh", () -> "100ms");
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OutboxRelay relay;

	@Autowired
	PrometheusMeterRegistry meters;

	@Test
	void reportsTheBacklogAndItsOldestRowsAgeUntilTheRelayPublishesThem() {
		double publishedBefore = this.meters.get("outbox.published").counter().count();
		this.relay.stop();
		try {
			OutboxFixtures.unpublished(this.jdbc, 3, Duration.ofSeconds(90));

			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				assertThat(backlog()).isEqualTo(3);
				assertThat(oldestAgeSeconds()).isGreaterThanOrEqualTo(90);
			});
			assertThat(this.meters.scrape()).contains("outbox_backlog 3.0")
				.containsPattern("(?m)^outbox_oldest_unpublished_age_seconds 9\\d\\.\\d+");
		}
		finally {
			this.relay.start();
		}

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(backlog()).isZero();
			assertThat(oldestAgeSeconds()).isZero();
		});
		assertThat(this.meters.get("outbox.published").counter().count()).isEqualTo(publishedBefore + 3);
		assertThat(this.meters.scrape()).contains("outbox_published_total " + (publishedBefore + 3));
	}

	private double backlog() {
		return this.meters.get("outbox.backlog").gauge().value();
	}

	private double oldestAgeSeconds() {
		return this.meters.get("outbox.oldest.unpublished.age").timeGauge().value();
	}

}
