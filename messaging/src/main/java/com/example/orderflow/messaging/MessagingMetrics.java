package com.example.orderflow.messaging;

/**
 * What the library counts. Without Micrometer, or without a {@code MeterRegistry} in the
 * service, nothing is counted ({@link #NONE}).
 */
interface MessagingMetrics {

	/** Parked by the consumer: undecodable, or failing for good. */
	String PERMANENT = "permanent";

	/** Parked by the error handler: failing transiently for longer than it retries. */
	String RETRIES_EXHAUSTED = "retries-exhausted";

	MessagingMetrics NONE = new MessagingMetrics() {
	};

	/**
	 * @param rows outbox rows the relay published and marked in one committed transaction
	 */
	default void published(int rows) {
	}

	/**
	 * @param originalTopic the topic the record was read from, not its {@code .dlt} twin
	 * @param reason {@link #PERMANENT} or {@link #RETRIES_EXHAUSTED}
	 */
	default void parked(String originalTopic, String reason) {
	}

}
