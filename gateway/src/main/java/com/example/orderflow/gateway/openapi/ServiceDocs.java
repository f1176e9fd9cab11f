package com.example.orderflow.gateway.openapi;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * @param service the service
 * @param document its OpenAPI document, {@code null} if it could not be fetched
 */
record ServiceDocs(DocumentedService service, @Nullable JsonNode document) {

}
