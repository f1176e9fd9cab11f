package com.example.orderflow.messaging;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka settings every service's guarantees rest on, whatever a service's YAML says:
 * a record is acknowledged once every in-sync replica has it and is never written twice
 * by a retry, and offsets are committed only by the listener container, after the batch's
 * transaction.
 */
class ReliableKafkaSettingsTests {

	final MessagingAutoConfiguration configuration = new MessagingAutoConfiguration();

	@Test
	void producersWaitForEveryReplicaAndAreIdempotentEvenIfTheYamlSaysOtherwise() {
		DefaultKafkaProducerFactory<String, String> factory = new DefaultKafkaProducerFactory<>(
				Map.of(ProducerConfig.ACKS_CONFIG, "1", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false));

		this.configuration.reliableProducer().customize(factory);

		assertThat(factory.getConfigurationProperties()).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
			.containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
	}

	@Test
	void consumersNeverCommitOffsetsOnTheirOwn() {
		DefaultKafkaConsumerFactory<String, String> factory = new DefaultKafkaConsumerFactory<>(
				Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true));

		this.configuration.reliableConsumer().customize(factory);

		assertThat(factory.getConfigurationProperties()).containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
	}

	@Test
	void consumersRejoinUnderTheInstanceNameTheyAreGivenAndMoveOnlyThePartitionsThatMust() {
		DefaultKafkaConsumerFactory<String, String> factory = new DefaultKafkaConsumerFactory<>(Map.of());

		this.configuration.quickRejoiningConsumer(properties("saga-orchestrator-1")).customize(factory);

		assertThat(factory.getConfigurationProperties())
			.containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "saga-orchestrator-1")
			.containsEntry(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
					CooperativeStickyAssignor.class.getName());
	}

	@Test
	void consumersWithoutAnInstanceNameJoinAsNewMembers() {
		DefaultKafkaConsumerFactory<String, String> factory = new DefaultKafkaConsumerFactory<>(Map.of());

		this.configuration.quickRejoiningConsumer(properties(" ")).customize(factory);

		assertThat(factory.getConfigurationProperties()).doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)
			.containsEntry(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
					CooperativeStickyAssignor.class.getName());
	}

	private static MessagingProperties properties(String instance) {
		return new Binder(new MapConfigurationPropertySource(Map.of("messaging.consumer.instance", instance)))
			.bindOrCreate("messaging", MessagingProperties.class);
	}

}
