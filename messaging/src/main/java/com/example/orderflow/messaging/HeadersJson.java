package com.example.orderflow.messaging;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Extra Kafka headers of an outbox row, kept as a JSON object. */
class HeadersJson {

	private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
	};

	private final JsonMapper mapper = JsonMapper.builder().build();

	String write(Map<String, String> headers) {
		return (headers == null || headers.isEmpty()) ? null : this.mapper.writeValueAsString(headers);
	}

	Map<String, String> read(String json) {
		return (json == null) ? Map.of() : this.mapper.readValue(json, MAP);
	}

}
