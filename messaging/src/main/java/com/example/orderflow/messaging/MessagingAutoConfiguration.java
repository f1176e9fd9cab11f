package com.example.orderflow.messaging;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Wires the outbox, its relay, the inbox and the consumer. The Kafka settings that
 * correctness depends on are set here rather than left to each service's YAML.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration" })
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

	@Bean
	MessageCodec messageCodec() {
		return new MessageCodec();
	}

	@Bean
	WorkSignal workSignal() {
		return new WorkSignal();
	}

	@Bean
	HeadersJson outboxHeadersJson() {
		return new HeadersJson();
	}

	@Bean
	Outbox outbox(JdbcClient jdbc, MessageCodec codec, WorkSignal signal, HeadersJson headersJson) {
		return new Outbox(jdbc, codec, signal, headersJson);
	}

	/** Without Micrometer on the classpath; see {@link MicrometerConfiguration}. */
	@Bean
	@ConditionalOnMissingBean
	MessagingMetrics noMessagingMetrics() {
		return MessagingMetrics.NONE;
	}

	@Bean
	OutboxRelay outboxRelay(JdbcClient jdbc, PlatformTransactionManager transactionManager,
			KafkaTemplate<String, String> kafka, WorkSignal signal, HeadersJson headersJson,
			MessagingProperties properties, MessagingMetrics metrics) {
		return new OutboxRelay(jdbc, new TransactionTemplate(transactionManager), kafka, signal, headersJson,
				properties, metrics);
	}

	@Bean
	TransactionalConsumer transactionalConsumer(JdbcClient jdbc, PlatformTransactionManager transactionManager,
			MessageCodec codec, Outbox outbox, MessagingMetrics metrics, ConsumerAssignments assignments,
			@Value("${spring.kafka.consumer.group-id}") String consumerGroup) {
		return new TransactionalConsumer(new TransactionTemplate(transactionManager), new Inbox(jdbc), codec,
				new DeadLetters(outbox, metrics), new FailureClassifier(), consumerGroup, assignments);
	}

	/**
	 * Only transient failures reach the container (the consumer parks permanent ones at
	 * once), naming the record that failed. It is retried with exponential backoff,
	 * blocking its partition, because skipping ahead would apply a saga's later messages
	 * before its earlier ones; after
	 * {@code messaging.consumer.transient-retry.max-elapsed} it is parked on the
	 * dead-letter topic, so nothing holds a partition forever.
	 */
	@Bean
	CommonErrorHandler kafkaErrorHandler(KafkaTemplate<String, String> kafka, MessagingProperties properties,
			MessagingMetrics metrics, @Value("${spring.kafka.consumer.group-id}") String consumerGroup) {
		MessagingProperties.Consumer.TransientRetry retry = properties.consumer().transientRetry();
		ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
		backOff.setMaxInterval(retry.maxInterval().toMillis());
		backOff.setMaxElapsedTime(retry.maxElapsed().toMillis());
		return new DefaultErrorHandler(new TransientRetriesExhausted(kafka, consumerGroup, retry.maxElapsed(), metrics),
				backOff);
	}

	@Bean
	DefaultKafkaProducerFactoryCustomizer reliableProducer() {
		return (factory) -> factory.updateConfigs(Map.of(ProducerConfig.ACKS_CONFIG, "all",
				ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
				StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
	}

	@Bean
	DefaultKafkaConsumerFactoryCustomizer reliableConsumer() {
		return (factory) -> factory.updateConfigs(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
	}

	/**
	 * How a consumer joins its group, so a restarted instance is back to work in the time
	 * it takes to start: under its lasting name ({@code messaging.consumer.instance}) it
	 * takes its partitions back without a rebalance, and the cooperative-sticky assignor
	 * moves only the partitions that must move when an instance joins or leaves, while
	 * the others keep consuming. A listener container with more than one consumer
	 * suffixes the name per consumer.
	 */
	@Bean
	DefaultKafkaConsumerFactoryCustomizer quickRejoiningConsumer(MessagingProperties properties) {
		return (factory) -> {
			Map<String, Object> settings = new HashMap<>();
			settings.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
					CooperativeStickyAssignor.class.getName());
			String instance = properties.consumer().instance();
			if (StringUtils.hasText(instance)) {
				settings.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instance);
			}
			factory.updateConfigs(settings);
		};
	}

	@Bean
	ConsumerAssignments consumerAssignments() {
		return new ConsumerAssignments();
	}

	@Bean
	KafkaAdmin.NewTopics ownedTopics(MessagingProperties properties) {
		MessagingProperties.Topics topics = properties.topics();
		return new KafkaAdmin.NewTopics(topics.create()
			.stream()
			.map((name) -> TopicBuilder.name(name)
				.partitions(topics.partitions())
				.replicas(topics.replicationFactor())
				.build())
			.toArray(NewTopic[]::new));
	}

	/**
	 * Readiness that waits for the consumers and the relay (see
	 * {@link MessagingReadiness}); the readiness group includes it by default
	 * ({@link MessagingDefaults}).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	static class ReadinessConfiguration {

		@Bean
		MessagingReadiness messagingHealthIndicator(KafkaListenerEndpointRegistry listeners,
				ConsumerAssignments assignments, OutboxRelay relay) {
			return new MessagingReadiness(listeners, assignments, relay);
		}

	}

	/**
	 * The library's meters, registered only where a service has a {@link MeterRegistry}
	 * (ours all do, through the actuator); elsewhere nothing is counted. Kafka client
	 * meters, consumer lag among them, are Spring Boot's: its
	 * {@code KafkaMetricsAutoConfiguration} adds Micrometer listeners to the client
	 * factories.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MicrometerConfiguration {

		@Bean
		MessagingMetrics messagingMetrics(ObjectProvider<MeterRegistry> registry, JdbcClient jdbc,
				MessagingProperties properties) {
			MeterRegistry meters = registry.getIfUnique();
			return (meters != null) ? new MicrometerMessagingMetrics(meters,
					new OutboxBacklog(jdbc, properties.outbox().backlogRefresh())) : MessagingMetrics.NONE;
		}

	}

}
