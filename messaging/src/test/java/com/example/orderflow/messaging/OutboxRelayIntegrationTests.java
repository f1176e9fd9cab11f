package com.example.orderflow.messaging;

import java.time.Duration;
import java.util.List;

import com.example.orderflow.messaging.test.KafkaProbe;
import com.example.orderflow.messaging.test.TestDatabase;
import com.example.orderflow.messaging.test.TestKafka;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What the relay leaves of a row it published, against a real database and broker: by
 * default nothing, and with a retention the row marked published. The relay's own rounds
 * are stopped, so each test drives one round on the rows it wrote.
 */
@SpringBootTest(classes = MessagingTestApplication.class)
class OutboxRelayIntegrationTests {

	static final TestDatabase database = TestDatabase.create("messaging");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
		registry.add("spring.kafka.consumer.group-id", () -> "messaging-relay-test");
		registry.add("spring.kafka.listener.auto-startup", () -> "false");
		registry.add("spring.flyway.locations", () -> "classpath:db/messaging-test");
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OutboxRelay relay;

	@Autowired
	MessagingProperties properties;

	KafkaProbe probe;

	@BeforeEach
	void stopTheRelaysRounds() {
		this.relay.stop();
	}

	@AfterEach
	void startThem() {
		if (this.probe != null) {
			this.probe.close();
		}
		this.relay.start();
	}

	@Test
	void deletesTheRowsItPublishedOnceTheBrokerHasThem() {
		assertThat(this.properties.outbox().retention()).isZero();
		List<String> keys = OutboxFixtures.unpublished(this.jdbc, 2, Duration.ofSeconds(1));

		assertThat(this.relay.publishBatch(this.properties.outbox())).isEqualTo(2);

		assertThat(rowsOf(keys)).isZero();
		assertOnTheTopic(keys);
	}

	@Test
	void keepsThemMarkedPublishedForTheRetentionWhenOneIsSet() {
		MessagingProperties.Outbox defaults = this.properties.outbox();
		MessagingProperties.Outbox keeping = new MessagingProperties.Outbox(defaults.batchSize(),
				defaults.pollInterval(), defaults.sendTimeout(), Duration.ofHours(1), defaults.backlogRefresh());
		List<String> keys = OutboxFixtures.unpublished(this.jdbc, 2, Duration.ofSeconds(1));

		assertThat(this.relay.publishBatch(keeping)).isEqualTo(2);

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

	/** Read from the topic's beginning, which the relay has just created if need be. */
	private void assertOnTheTopic(List<String> keys) {
		this.probe = new KafkaProbe(TestKafka.bootstrapServers(), OutboxFixtures.TOPIC);
		keys.forEach((key) -> this.probe.await(KafkaProbe.ofType("StockReleased", key), Duration.ofSeconds(20)));
	}

	private int rowsOf(List<String> keys) {
		return this.jdbc.sql("select count(*) from outbox where message_key = any(?)")
			.param(keys.toArray(String[]::new))
			.query(Integer.class)
			.single();
	}

}
