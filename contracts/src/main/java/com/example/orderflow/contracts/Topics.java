package com.example.orderflow.contracts;

/**
 * Topic names: {@code <owner>.commands} are read by the owner, {@code <owner>.events} are
 * written by it. Every consumed topic has a {@code .dlt} twin for messages that can never
 * be processed.
 */
public final class Topics {

	public static final String ORDER_EVENTS = "order.events";

	public static final String ORDER_COMMANDS = "order.commands";

	public static final String INVENTORY_COMMANDS = "inventory.commands";

	public static final String INVENTORY_EVENTS = "inventory.events";

	public static final String PAYMENT_COMMANDS = "payment.commands";

	public static final String PAYMENT_EVENTS = "payment.events";

	public static final String DEAD_LETTER_SUFFIX = ".dlt";

	private Topics() {
	}

	public static String deadLetterTopicOf(String topic) {
		return topic + DEAD_LETTER_SUFFIX;
	}

}
