package com.example.orderflow.messaging;

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

}
