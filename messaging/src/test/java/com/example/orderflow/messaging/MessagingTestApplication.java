package com.example.orderflow.messaging;

import java.util.List;
import java.util.UUID;

import com.example.orderflow.contracts.InventoryCommand.ReleaseStock;
import com.example.orderflow.contracts.InventoryEvent.StockReleased;
import com.example.orderflow.contracts.SagaMessage;
import com.example.orderflow.contracts.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * A minimal service for the library's own tests: it answers ReleaseStock with
 * StockReleased and counts how often each order's command was prepared for and applied.
 * Order ids whose high bits are 0 fail for good, 1 fail transiently every time. Its
 * meters are kept as a service's /actuator/prometheus shows them.
 */
@SpringBootApplication
class MessagingTestApplication {

	static final String COMMANDS = "messaging-test.commands";

	static final String EVENTS = "messaging-test.events";

	@Bean
	PrometheusMeterRegistry meterRegistry() {
		return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
	}

	@Component
	static class ReleaseStockHandler {

		private final TransactionalConsumer consumer;

		private final Outbox outbox;

		private final JdbcClient jdbc;

		ReleaseStockHandler(TransactionalConsumer consumer, Outbox outbox, JdbcClient jdbc) {
			this.consumer = consumer;
			this.outbox = outbox;
			this.jdbc = jdbc;
		}

		@KafkaListener(topics = COMMANDS, batch = "true")
		void onBatch(List<ConsumerRecord<String, String>> records) {
			this.consumer.consume(records, this::prepare, this::handle);
		}

		private void prepare(List<SagaMessage> messages) {
			this.jdbc.sql("insert into prepared (order_id) select unnest(?::text[])::uuid")
				.param(messages.stream().map((message) -> message.orderId().toString()).toArray(String[]::new))
				.update();
		}

		private void handle(SagaMessage message) {
			if (!(message instanceof ReleaseStock command)) {
				throw new UnexpectedMessageException(message);
			}
			if (command.orderId().getMostSignificantBits() == 0) {
				throw new IllegalStateException("this order id is poison");
			}
			if (command.orderId().getMostSignificantBits() == 1) {
				throw new TransientDataAccessResourceException("this order id keeps timing out");
			}
			this.jdbc
				.sql("insert into applied (order_id, deliveries) values (?, 1) "
						+ "on conflict (order_id) do update set deliveries = applied.deliveries + 1")
				.param(command.orderId())
				.update();
			this.outbox.add(EVENTS,
					new StockReleased(UUID.randomUUID(), command.sagaId(), command.orderId(), java.time.Instant.now()));
		}

	}

	static String deadLetterTopic() {
		return Topics.deadLetterTopicOf(COMMANDS);
	}

}
