package com.example.orderflow.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.example.orderflow.messaging.test.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What {@code messaging.consumer.instance} buys, on a real broker: an instance that
 * crashed and comes back under the same name is given its partitions again at once, while
 * the broker still counts the crashed consumer as a member (its session has not expired),
 * instead of a rebalance that waits for that session to run out.
 */
class StaticMembershipIntegrationTests {

	/**
	 * Far longer than the test may wait: the partitions must not come from its expiry.
	 */
	static final Duration SESSION = Duration.ofMinutes(3);

	final String topic = "static-membership-" + UUID.randomUUID();

	final String group = "static-membership-" + UUID.randomUUID();

	@Test
	void anInstanceBackUnderItsNameGetsItsPartitionsWithoutWaitingOutItsOldSession() throws Exception {
		createTopic(3);
		Set<TopicPartition> all = IntStream.range(0, 3)
			.mapToObj((p) -> new TopicPartition(this.topic, p))
			.collect(Collectors.toSet());

		Consumer<String, String> crashed = consumer("orchestrator-1");
		crashed.subscribe(List.of(this.topic));
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			crashed.poll(Duration.ofMillis(200));
			assertThat(crashed.assignment()).isEqualTo(all);
		});
		// a static member does not leave its group when it closes: for the broker this is
		// a crash, and the member stays until its session expires
		crashed.close();

		try (Consumer<String, String> restarted = consumer("orchestrator-1")) {
			restarted.subscribe(List.of(this.topic));
			await().atMost(SESSION.dividedBy(3)).untilAsserted(() -> {
				restarted.poll(Duration.ofMillis(200));
				assertThat(restarted.assignment()).isEqualTo(all);
			});
		}
	}

	private Consumer<String, String> consumer(String instance) {
		Map<String, Object> settings = new HashMap<>();
		settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
		settings.put(ConsumerConfig.GROUP_ID_CONFIG, this.group);
		settings.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) SESSION.toMillis());
		DefaultKafkaConsumerFactory<String, String> factory = new DefaultKafkaConsumerFactory<>(settings);
		MessagingAutoConfiguration configuration = new MessagingAutoConfiguration();
		configuration.reliableConsumer().customize(factory);
		configuration
			.quickRejoiningConsumer(
					new Binder(new MapConfigurationPropertySource(Map.of("messaging.consumer.instance", instance)))
						.bindOrCreate("messaging", MessagingProperties.class))
			.customize(factory);
		return factory.createConsumer();
	}

	private void createTopic(int partitions) throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(this.topic, partitions, (short) 1))).all().get();
		}
	}

}
