package com.example.orderflow.loadtest.chaos.audit;

/**
 * A record a consumer parked on a {@code .dlt} topic, with the headers the messaging
 * module gives it.
 */
public record DeadLetter(String topic, String orderId, String reason, String exception, String originalTopic,
		String consumerGroup) {

}
