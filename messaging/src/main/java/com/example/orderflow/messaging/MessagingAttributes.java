package com.example.orderflow.messaging;

import io.opentelemetry.api.common.AttributeKey;

/**
 * Span attributes of the OpenTelemetry messaging semantic conventions, so the spans the
 * relay and the consumers start read like the agent's own Kafka spans.
 */
final class MessagingAttributes {

	static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");

	static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");

	static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");

	static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");

	static final AttributeKey<String> PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");

	static final AttributeKey<String> CONSUMER_GROUP = AttributeKey.stringKey("messaging.consumer.group.name");

	static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");

	static final AttributeKey<String> MESSAGE_KEY = AttributeKey.stringKey("messaging.kafka.message.key");

	static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");

	static final AttributeKey<String> MESSAGE_TYPE = AttributeKey.stringKey("orderflow.message.type");

	private MessagingAttributes() {
	}

}
