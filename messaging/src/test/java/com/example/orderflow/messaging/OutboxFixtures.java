package com.example.orderflow.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Outbox rows written straight to the table, as if a transaction had left them. */
final class OutboxFixtures {

	static final String TOPIC = "messaging-test.metrics";

	/**
	 * The test schema's migration (outbox, inbox and the test app's table), for tests
	 * that do without Flyway.
	 */
	static String schema() {
		try {
			return new ClassPathResource("db/messaging-test/V1__create_outbox_and_inbox.sql")
				.getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private OutboxFixtures() {
	}

	/**
	 * Adds {@code rows} unpublished rows, the oldest written {@code ago}.
	 * @return their message keys
	 */
	static List<String> unpublished(JdbcClient jdbc, int rows, Duration ago) {
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < rows; i++) {
			String key = UUID.randomUUID().toString();
			jdbc.sql("insert into outbox (topic, message_key, message_type, payload, created_at) "
					+ "values (?, ?, 'StockReleased', '{}', now() - ?::interval)")
				.params(TOPIC, key, (ago.toSeconds() - i) + " seconds")
				.update();
			keys.add(key);
		}
		return keys;
	}

}
