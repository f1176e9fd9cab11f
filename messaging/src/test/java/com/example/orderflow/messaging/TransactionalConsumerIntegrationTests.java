package com.example.orderflow.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.example.orderflow.contracts.InventoryCommand.ReleaseStock;
import com.example.orderflow.contracts.InventoryEvent.StockReleased;
import com.example.orderflow.messaging.test.KafkaProbe;
import com.example.orderflow.messaging.test.TestDatabase;
import com.example.orderflow.messaging.test.TestKafka;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = MessagingTestApplication.class)
class TransactionalConsumerIntegrationTests {

	static final TestDatabase database = TestDatabase.create("messaging");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
		registry.add("spring.kafka.consumer.group-id", () -> "messaging-test");
		// some assertions read what went into the outbox: keep published rows
		registry.add("messaging.outbox.retention", () -> "1h");
		registry.add("spring.kafka.consumer.auto-offset-reset", () -> "earliest");
		registry.add("spring.flyway.locations", () -> "classpath:db/messaging-test");
		registry.add("messaging.consumer.transient-retry.max-elapsed", () -> "2s");
		registry.add("messaging.topics.create", () -> MessagingTestApplication.COMMANDS + ","
				+ MessagingTestApplication.EVENTS + "," + MessagingTestApplication.deadLetterTopic());
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PrometheusMeterRegistry meters;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Autowired
	MessagingReadiness readiness;

	@Autowired
	Environment environment;

	final MessageCodec codec = new MessageCodec();

	KafkaProbe probe;

	@BeforeEach
	void openProbe() {
		this.probe = new KafkaProbe(TestKafka.bootstrapServers(), MessagingTestApplication.EVENTS,
				MessagingTestApplication.deadLetterTopic());
	}

	@AfterEach
	void closeProbe() {
		this.probe.close();
	}

	@Test
	void isReadyOnceItsConsumerHasJoinedAndItsRelayRunsAndReadinessAsksForIt() {
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.readiness.health().getStatus()).isEqualTo(Status.UP));
		assertThat(this.readiness.health().getDetails()).containsEntry("consumersJoined", 1)
			.containsEntry("partitions", 6L);
		assertThat(this.environment.getProperty("management.endpoint.health.group.readiness.include"))
			.isEqualTo("readinessState,messaging");
	}

	@Test
	void appliesAMessageDeliveredTwiceOnceAndRepliesThroughTheOutbox() {
		ReleaseStock command = releaseStock(UUID.randomUUID());
		String json = this.codec.encode(command);
		this.probe.send(MessagingTestApplication.COMMANDS, command.key(), "ReleaseStock", json);
		this.probe.send(MessagingTestApplication.COMMANDS, command.key(), "ReleaseStock", json);

		ConsumerRecord<String, String> reply = this.probe.await(KafkaProbe.ofType("StockReleased", command.key()),
				Duration.ofSeconds(20));
		StockReleased released = (StockReleased) this.codec.decode("StockReleased", reply.value());
		assertThat(released.sagaId()).isEqualTo(command.sagaId());

		ReleaseStock later = releaseStock(UUID.randomUUID());
		this.probe.send(MessagingTestApplication.COMMANDS, later.key(), "ReleaseStock", this.codec.encode(later));
		this.probe.await(KafkaProbe.ofType("StockReleased", later.key()), Duration.ofSeconds(20));

		assertThat(deliveries(command.orderId())).isEqualTo(1);
		assertThat(preparations(command.orderId())).as("a redelivery is not prepared for").isEqualTo(1);
		assertThat(this.probe.received(Duration.ofMillis(500))).filteredOn((r) -> r.key().equals(command.key()))
			.hasSize(1);
		assertThat(unpublishedRows()).isZero();
	}

	@Test
	void parksUndecodableAndFailingMessagesWithTheirReasonAndCarriesOn() {
		double parkedBefore = deadLetters(MessagingMetrics.PERMANENT);
		String garbageKey = UUID.randomUUID().toString();
		String unknownKey = UUID.randomUUID().toString();
		ReleaseStock poison = releaseStock(new UUID(0, 42));
		ReleaseStock healthy = releaseStock(UUID.randomUUID());
		// one batch: the poison rolls back the parking of the undecodable records, which
		// the replay then parks again
		whileListenerPaused(() -> {
			this.probe.send(MessagingTestApplication.COMMANDS, garbageKey, "ReleaseStock", "{not json");
			this.probe.send(MessagingTestApplication.COMMANDS, unknownKey, "NoSuchType", "{}");
			this.probe.send(MessagingTestApplication.COMMANDS, poison.key(), "ReleaseStock", this.codec.encode(poison));
			this.probe.send(MessagingTestApplication.COMMANDS, healthy.key(), "ReleaseStock",
					this.codec.encode(healthy));
		});

		this.probe.await(KafkaProbe.ofType("StockReleased", healthy.key()), Duration.ofSeconds(20));
		ConsumerRecord<String, String> garbage = this.probe
			.await((r) -> r.topic().endsWith(".dlt") && garbageKey.equals(r.key()), Duration.ofSeconds(20));
		ConsumerRecord<String, String> unknown = this.probe
			.await((r) -> r.topic().endsWith(".dlt") && unknownKey.equals(r.key()), Duration.ofSeconds(20));
		ConsumerRecord<String, String> failed = this.probe
			.await((r) -> r.topic().endsWith(".dlt") && poison.key().equals(r.key()), Duration.ofSeconds(20));

		assertThat(KafkaProbe.header(garbage, "dlt-reason")).startsWith("invalid message");
		assertThat(garbage.value()).isEqualTo("{not json");
		assertThat(KafkaProbe.header(unknown, "dlt-reason")).contains("unknown message type NoSuchType");
		assertThat(KafkaProbe.header(failed, "dlt-reason")).isEqualTo("this order id is poison");
		assertThat(KafkaProbe.header(failed, "dlt-original-topic")).isEqualTo(MessagingTestApplication.COMMANDS);
		assertThat(KafkaProbe.header(failed, "dlt-consumer-group")).isEqualTo("messaging-test");
		assertThat(deliveries(poison.orderId())).isZero();
		assertThat(deliveries(healthy.orderId())).isEqualTo(1);
		assertThat(preparations(poison.orderId())).as("rolled back with the poison").isZero();
		assertThat(preparations(healthy.orderId())).as("the failed batch's preparation rolled back").isEqualTo(1);
		// counted after the commit that makes the parked copies visible
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(deadLetters(MessagingMetrics.PERMANENT))
				.as("once per parked record, though its batch was replayed")
				.isEqualTo(parkedBefore + 3));
		assertThat(this.meters.scrape()).contains("messaging_dead_letters_total{reason=\"permanent\",topic=\""
				+ MessagingTestApplication.COMMANDS + "\"} " + (parkedBefore + 3));
	}

	@Test
	void retriesARecordThatKeepsFailingTransientlyWithBackoffThenParksItAndCarriesOn() {
		double exhaustedBefore = deadLetters(MessagingMetrics.RETRIES_EXHAUSTED);
		double permanentBefore = deadLetters(MessagingMetrics.PERMANENT);
		ReleaseStock before = releaseStock(UUID.randomUUID());
		ReleaseStock stuck = releaseStock(new UUID(1, 7));
		ReleaseStock after = releaseStock(UUID.randomUUID());
		for (ReleaseStock command : java.util.List.of(before, stuck, after)) {
			this.probe.send(MessagingTestApplication.COMMANDS, command.key(), "ReleaseStock",
					this.codec.encode(command));
		}
		Instant sent = Instant.now();

		this.probe.await(KafkaProbe.ofType("StockReleased", before.key()), Duration.ofSeconds(20));
		ConsumerRecord<String, String> parked = this.probe
			.await((r) -> r.topic().endsWith(".dlt") && stuck.key().equals(r.key()), Duration.ofSeconds(30));
		this.probe.await(KafkaProbe.ofType("StockReleased", after.key()), Duration.ofSeconds(20));

		assertThat(Duration.between(sent, Instant.now())).as("retried for max-elapsed before parking")
			.isGreaterThanOrEqualTo(Duration.ofSeconds(2));
		assertThat(KafkaProbe.header(parked, "dlt-reason")).startsWith("still failing after retrying for PT2S")
			.contains("this order id keeps timing out");
		assertThat(KafkaProbe.header(parked, "dlt-original-topic")).isEqualTo(MessagingTestApplication.COMMANDS);
		assertThat(KafkaProbe.header(parked, "type")).isEqualTo("ReleaseStock");
		assertThat(deliveries(before.orderId())).isEqualTo(1);
		assertThat(deliveries(stuck.orderId())).isZero();
		assertThat(deliveries(after.orderId())).isEqualTo(1);
		// the recoverer counts once the broker acknowledged the parked copy, which the
		// probe may read a moment earlier
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(
					() -> assertThat(deadLetters(MessagingMetrics.RETRIES_EXHAUSTED)).isEqualTo(exhaustedBefore + 1));
		assertThat(deadLetters(MessagingMetrics.PERMANENT)).isEqualTo(permanentBefore);
		assertThat(this.meters.scrape()).contains("messaging_dead_letters_total{reason=\"retries-exhausted\",topic=\""
				+ MessagingTestApplication.COMMANDS + "\"} " + (exhaustedBefore + 1));
	}

	@Test
	void carriesEachRecordsPrincipalOnToWhatItsHandlerSendsAndNoneWhereTheRecordHasNone() {
		ReleaseStock forAlice = releaseStock(UUID.randomUUID());
		ReleaseStock forTheTools = releaseStock(UUID.randomUUID());
		ReleaseStock fromAnOlderProducer = releaseStock(UUID.randomUUID());
		// one batch, so the last record shows that no principal lingers from the one
		// before
		whileListenerPaused(() -> {
			send(forAlice, Map.of(MessagePrincipal.HEADER, "alice"));
			send(forTheTools, Map.of(MessagePrincipal.HEADER, "orderflow-tools"));
			send(fromAnOlderProducer, Map.of());
		});

		ConsumerRecord<String, String> alice = this.probe.await(KafkaProbe.ofType("StockReleased", forAlice.key()),
				Duration.ofSeconds(20));
		ConsumerRecord<String, String> tools = this.probe.await(KafkaProbe.ofType("StockReleased", forTheTools.key()),
				Duration.ofSeconds(20));
		ConsumerRecord<String, String> older = this.probe
			.await(KafkaProbe.ofType("StockReleased", fromAnOlderProducer.key()), Duration.ofSeconds(20));

		assertThat(KafkaProbe.header(alice, "principal")).isEqualTo("alice");
		assertThat(KafkaProbe.header(tools, "principal")).isEqualTo("orderflow-tools");
		assertThat(KafkaProbe.header(older, "principal")).isNull();
		assertThat(outboxHeaders(forAlice.key())).contains("\"principal\":\"alice\"");
		assertThat(outboxHeaders(fromAnOlderProducer.key())).doesNotContain("principal");
		assertThat(MessagePrincipal.current()).as("nothing set on the test's thread").isNull();
	}

	@Test
	void exposesTheConsumerLagOfItsListeners() {
		// Spring Boot binds the client metrics when a consumer is created; per-partition
		// records-lag follows on Micrometer's next refresh of the client's metrics (a
		// minute)
		assertThat(this.meters.find("kafka.consumer.fetch.manager.records.lag.max").gauges()).isNotEmpty();
		assertThat(this.meters.scrape()).contains("kafka_consumer_fetch_manager_records_lag_max{");
	}

	private static ReleaseStock releaseStock(UUID orderId) {
		return new ReleaseStock(UUID.randomUUID(), UUID.randomUUID(), orderId, Instant.now());
	}

	private void send(ReleaseStock command, Map<String, String> headers) {
		this.probe.send(MessagingTestApplication.COMMANDS, command.key(), "ReleaseStock", this.codec.encode(command),
				headers);
	}

	private String outboxHeaders(String key) {
		return this.jdbc
			.sql("select coalesce(headers, '') from outbox where message_key = ? and message_type = 'StockReleased'")
			.param(key)
			.query(String.class)
			.single();
	}

	private int preparations(UUID orderId) {
		return this.jdbc.sql("select count(*) from prepared where order_id = ?")
			.param(orderId)
			.query(Integer.class)
			.single();
	}

	private int deliveries(UUID orderId) {
		return this.jdbc.sql("select coalesce(sum(deliveries), 0) from applied where order_id = ?")
			.param(orderId)
			.query(Integer.class)
			.single();
	}

	private void whileListenerPaused(Runnable sends) {
		MessageListenerContainer container = this.listeners.getListenerContainers().iterator().next();
		container.pause();
		try {
			await().atMost(Duration.ofSeconds(20)).until(container::isContainerPaused);
			sends.run();
		}
		finally {
			container.resume();
		}
	}

	private double deadLetters(String reason) {
		Counter counter = this.meters.find("messaging.dead.letters")
			.tags("topic", MessagingTestApplication.COMMANDS, "reason", reason)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private int unpublishedRows() {
		return this.jdbc.sql("select count(*) from outbox where published_at is null").query(Integer.class).single();
	}

}
