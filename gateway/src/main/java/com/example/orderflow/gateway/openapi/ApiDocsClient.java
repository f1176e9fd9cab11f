package com.example.orderflow.gateway.openapi;

import java.net.URI;

import com.example.orderflow.gateway.requestid.RequestIds;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Fetches one service's OpenAPI document. A service that is down, slow or answers with
 * something that is not an OpenAPI document yields nothing instead of an error: the
 * merged document is still useful without it.
 */
@Component
class ApiDocsClient {

	private static final Log logger = LogFactory.getLog(ApiDocsClient.class);

	private static final int MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

	private final WebClient webClient;

	private final JsonMapper jsonMapper;

	private final OpenApiProperties properties;

	ApiDocsClient(JsonMapper jsonMapper, OpenApiProperties properties) {
		this.webClient = WebClient.builder()
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(MAX_DOCUMENT_BYTES))
			.build();
		this.jsonMapper = jsonMapper;
		this.properties = properties;
	}

	Mono<JsonNode> fetch(DocumentedService service, @Nullable String requestId) {
		URI docs = UriComponentsBuilder.fromUri(service.uri()).path(this.properties.docsPath()).build().toUri();
		return this.webClient.get().uri(docs).accept(MediaType.APPLICATION_JSON).headers((headers) -> {
			if (requestId != null) {
				headers.set(RequestIds.HEADER, requestId);
			}
		})
			.retrieve()
			.bodyToMono(String.class)
			.map(this::parse)
			.timeout(this.properties.timeout())
			.onErrorResume((ex) -> {
				logger.warn("No OpenAPI document from " + service.name() + " at " + docs + ": " + ex);
				return Mono.empty();
			});
	}

	private JsonNode parse(String body) {
		JsonNode document = this.jsonMapper.readTree(body);
		if (!document.isObject() || !document.path("openapi").isString()) {
			throw new IllegalStateException("Not an OpenAPI document");
		}
		return document;
	}

}
