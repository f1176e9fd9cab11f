package com.example.orderflow.messaging;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import com.example.orderflow.messaging.test.KafkaProbe;
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
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The relay and the outbox meters against a real database and broker: what the relay
 * leaves of a row it published (by default nothing; with a retention, the row marked
 * published), and the backlog it reports. The listeners stay stopped: the consumer tests'
 * context, cached alongside this one, owns the test topics.
 */
@SpringBootTest(classes = MessagingTestApplication.class)
class OutboxRelayIntegrationTests {

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

	@Autowired
	MessagingProperties properties;

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

	@Test
	void deletesTheRowsItPublishedOnceTheBrokerHasThem() {
		assertThat(this.properties.outbox().retention()).isZero();
		List<String> keys = whileRelayStopped(() -> {
			List<String> written = OutboxFixtures.unpublished(this.jdbc, 2, Duration.ofSeconds(1));
			assertThat(this.relay.publishBatch(this.properties.outbox())).isEqualTo(2);
			return written;
		});

		assertThat(rowsOf(keys)).isZero();
		assertOnTheTopic(keys);
	}

	@Test
	void keepsThemMarkedPublishedForTheRetentionWhenOneIsSet() {
		MessagingProperties.Outbox defaults = this.properties.outbox();
		MessagingProperties.Outbox keeping = new MessagingProperties.Outbox(defaults.batchSize(),
				defaults.pollInterval(), defaults.sendTimeout(), Duration.ofHours(1), defaults.backlogRefresh());
		List<String> keys = whileRelayStopped(() -> {
			List<String> written = OutboxFixtures.unpublished(this.jdbc, 2, Duration.ofSeconds(1));
			assertThat(this.relay.publishBatch(keeping)).isEqualTo(2);
			return written;
		});

		assertThat(rowsOf(keys)).isEqualTo(2);
		assertThat(this.jdbc.sql("select count(*) from outbox where message_key = any(?) and published_at is null")
			.param(keys.toArray(String[]::new))
			.query(Integer.class)
			.single()).isZero();
		assertOnTheTopic(keys);
	}

	@Test
	void refusesANegativeRetention() {
		MessagingProperties.Outbox defaults = this.properties.outbox();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new MessagingProperties.Outbox(defaults.batchSize(), defaults.pollInterval(),
					defaults.sendTimeout(), Duration.ofSeconds(-1), defaults.backlogRefresh()))
			.withMessageContaining("retention");
	}

	/**
	 * The relay's own rounds stopped, so the test drives one round on the rows it wrote.
	 */
	private <T> T whileRelayStopped(Supplier<T> work) {
		this.relay.stop();
		try {
			return work.get();
		}
		finally {
			this.relay.start();
		}
	}

	/** Read from the topic's beginning, which the relay has just created if need be. */
	private static void assertOnTheTopic(List<String> keys) {
		try (KafkaProbe probe = new KafkaProbe(TestKafka.bootstrapServers(), OutboxFixtures.TOPIC)) {
			keys.forEach((key) -> probe.await(KafkaProbe.ofType("StockReleased", key), Duration.ofSeconds(20)));
		}
	}

	private int rowsOf(List<String> keys) {
		return this.jdbc.sql("select count(*) from outbox where message_key = any(?)")
			.param(keys.toArray(String[]::new))
			.query(Integer.class)
			.single();
	}

	private double backlog() {
		return this.meters.get("outbox.backlog").gauge().value();
	}

	private double oldestAgeSeconds() {
		return this.meters.get("outbox.oldest.unpublished.age").timeGauge().value();
	}

}
