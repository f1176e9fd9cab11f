package com.example.orderflow.messaging;

import com.example.orderflow.contracts.MessageTypes;
import com.example.orderflow.contracts.SagaMessage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns messages into the JSON that travels on Kafka and back. It owns its mapper so that
 * a service's own Jackson settings can never change the wire format.
 */
public class MessageCodec {

	public static final String TYPE_HEADER = "type";

	public static final String VERSION_HEADER = "version";

	private final JsonMapper mapper = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
		.build();

	public String encode(SagaMessage message) {
		ObjectNode json = this.mapper.valueToTree(message);
		json.put(TYPE_HEADER, MessageTypes.nameOf(message));
		json.put(VERSION_HEADER, MessageTypes.VERSION);
		return this.mapper.writeValueAsString(json);
	}

	/**
	 * @param typeHeader the {@code type} header, or {@code null} to read it from the body
	 */
	public SagaMessage decode(String typeHeader, String json) {
		if (json == null || json.isBlank()) {
			throw new UndecodableMessageException("empty message", null);
		}
		try {
			ObjectNode tree = (ObjectNode) this.mapper.readTree(json);
			String type = (typeHeader != null) ? typeHeader : tree.path(TYPE_HEADER).asString(null);
			if (type == null) {
				throw new UndecodableMessageException("no type header and no type field", null);
			}
			Class<? extends SagaMessage> target = MessageTypes.forName(type)
				.orElseThrow(() -> new UndecodableMessageException("unknown message type " + type, null));
			return this.mapper.treeToValue(tree, target);
		}
		catch (JacksonException | ClassCastException | IllegalArgumentException ex) {
			throw new UndecodableMessageException("invalid message: " + rootMessage(ex), ex);
		}
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

}
