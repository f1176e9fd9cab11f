package com.example.orderflow.messaging;

import java.time.Duration;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Outbox rows written straight to the table, as if a transaction had left them. */
final class OutboxFixtures {

	static final String TOPIC = "messaging-test.metrics";

	/** The library's outbox table, for tests that do without Flyway. */
	static final String SCHEMA = """
			create table outbox (
			    id           bigserial primary key,
			    topic        text        not null,
			    message_key  text        not null,
			    message_type text        not null,
			    payload      text,
			    headers      text,
			    created_at   timestamptz not null default now(),
			    published_at timestamptz
			);
			create index outbox_unpublished on outbox (id) where published_at is null;
			""";

	private OutboxFixtures() {
	}

	/** Adds {@code rows} unpublished rows, the oldest written {@code ago}. */
	static void unpublished(JdbcClient jdbc, int rows, Duration ago) {
		for (int i = 0; i < rows; i++) {
			jdbc.sql("insert into outbox (topic, message_key, message_type, payload, created_at) "
					+ "values (?, ?, 'StockReleased', '{}', now() - ?::interval)")
				.params(TOPIC, UUID.randomUUID().toString(), (ago.toSeconds() - i) + " seconds")
				.update();
		}
	}

}
