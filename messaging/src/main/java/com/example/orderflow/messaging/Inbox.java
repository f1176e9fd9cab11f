package com.example.orderflow.messaging;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Remembers processed message ids. Called in the transaction of the message's effect, so
 * either both commit or neither does, and a redelivery finds the id and does nothing.
 */
class Inbox {

	private final JdbcClient jdbc;

	Inbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @return true the first time the id is seen, false for a redelivery
	 */
	boolean firstDelivery(UUID messageId) {
		return this.jdbc.sql("insert into inbox (message_id) values (?) on conflict do nothing")
			.param(messageId)
			.update() == 1;
	}

	/**
	 * One statement for a whole batch.
	 * @return the ids seen for the first time; a redelivered id, or the second copy of an
	 * id within the batch, is not among them
	 */
	Set<UUID> firstDeliveries(Collection<UUID> messageIds) {
		if (messageIds.isEmpty()) {
			return Set.of();
		}
		String[] ids = messageIds.stream().map(UUID::toString).toArray(String[]::new);
		return new HashSet<>(this.jdbc
			.sql("insert into inbox (message_id) select unnest(?::text[])::uuid on conflict do nothing "
					+ "returning message_id")
			.param(ids)
			.query(UUID.class)
			.list());
	}

}
