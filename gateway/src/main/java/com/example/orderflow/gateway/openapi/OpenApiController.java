package com.example.orderflow.gateway.openapi;

import com.example.orderflow.gateway.requestid.RequestIds;
import io.swagger.v3.oas.annotations.Hidden;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Serves the merged document. It is built on every request: it is read rarely, and a
 * cached copy would hide a service that came back or went away.
 */
@Hidden
@RestController
class OpenApiController {

	private final PublicRoutes publicRoutes;

	private final ApiDocsClient client;

	private final JsonMapper jsonMapper;

	OpenApiController(PublicRoutes publicRoutes, ApiDocsClient client, JsonMapper jsonMapper) {
		this.publicRoutes = publicRoutes;
		this.client = client;
		this.jsonMapper = jsonMapper;
	}

	@GetMapping(path = "/api/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<String> openApi(ServerWebExchange exchange) {
		String requestId = RequestIds.of(exchange);
		return this.publicRoutes.documentedServices()
			.flatMapMany(Flux::fromIterable)
			.flatMapSequential((service) -> this.client.fetch(service, requestId)
				.map((document) -> new ServiceDocs(service, document))
				.defaultIfEmpty(new ServiceDocs(service, null)))
			.collectList()
			.map(ApiDocsMerger::merge)
			.map(this.jsonMapper::writeValueAsString);
	}

}
