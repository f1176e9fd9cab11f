package com.example.orderflow.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.example.orderflow.contracts.MessageTypes;
import com.example.orderflow.contracts.SagaMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The wire format of every message, pinned by a checked-in JSON sample: renaming or
 * removing a field fails here, before it breaks a consumer in production.
 */
class MessageContractTests {

	private final MessageCodec codec = new MessageCodec();

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void everyMessageTypeHasASample() {
		assertThat(MessageSamples.all()).extracting(MessageTypes::nameOf)
			.containsExactlyInAnyOrderElementsOf(MessageTypes.all().keySet());
	}

	@Test
	void encodesEveryMessageExactlyAsItsSample() throws IOException {
		for (SagaMessage message : MessageSamples.all()) {
			JsonNode encoded = this.json.readTree(this.codec.encode(message));
			assertThat(encoded).as(MessageTypes.nameOf(message)).isEqualTo(sample(message));
		}
	}

	@Test
	void decodesEverySampleBackIntoTheSameMessage() throws IOException {
		for (SagaMessage message : MessageSamples.all()) {
			String name = MessageTypes.nameOf(message);
			assertThat(this.codec.decode(name, sample(message).toString())).as(name).isEqualTo(message);
		}
	}

	@Test
	void ignoresFieldsItDoesNotKnowSoProducersCanAddThem() {
		String json = this.codec.encode(MessageSamples.all().get(1)).replace("{", "{\"addedLater\":42,");
		assertThat(this.codec.decode("OrderApproved", json)).isEqualTo(MessageSamples.all().get(1));
	}

	@Test
	void readsTheTypeFromTheBodyWhenTheHeaderIsMissing() {
		SagaMessage message = MessageSamples.all().get(0);
		assertThat(this.codec.decode(null, this.codec.encode(message))).isEqualTo(message);
	}

	@Test
	void refusesMessagesThatBreakTheirRecordsRules() {
		String withoutOrderId = "{\"messageId\":\"" + MessageSamples.MESSAGE + "\",\"sagaId\":\"" + MessageSamples.SAGA
				+ "\",\"occurredAt\":\"2026-01-02T03:04:05Z\"}";
		assertThatExceptionOfType(UndecodableMessageException.class)
			.isThrownBy(() -> this.codec.decode("OrderApproved", withoutOrderId))
			.withMessageContaining("orderId");
	}

	private JsonNode sample(SagaMessage message) throws IOException {
		String resource = "/contract-samples/" + MessageTypes.nameOf(message) + ".json";
		try (InputStream in = getClass().getResourceAsStream(resource)) {
			assertThat(in).as("sample %s", resource).isNotNull();
			return this.json.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
	}

}
