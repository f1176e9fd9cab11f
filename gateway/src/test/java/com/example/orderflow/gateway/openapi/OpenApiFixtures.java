package com.example.orderflow.gateway.openapi;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;

/**
 * Documents shaped like springdoc's output for two services: each has one path the
 * gateway does not route ({@code /internal/...}), both call an operation {@code get},
 * both define an identical {@code Money} and a different {@code Item}.
 */
final class OpenApiFixtures {

	static final String ORDER_SERVICE_DOCS = """
			{
			  "openapi": "3.1.0",
			  "info": { "title": "OpenAPI definition", "version": "v0" },
			  "servers": [ { "url": "http://localhost:8081", "description": "Generated server url" } ],
			  "tags": [ { "name": "orders", "description": "Placing and tracking orders" }, { "name": "internal" } ],
			  "paths": {
			    "/orders": {
			      "post": {
			        "tags": [ "orders" ],
			        "operationId": "place",
			        "requestBody": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/PlaceOrderRequest" } } } },
			        "responses": { "201": { "description": "Created", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/OrderView" } } } } }
			      }
			    },
			    "/orders/{orderId}": {
			      "get": {
			        "tags": [ "orders" ],
			        "operationId": "get",
			        "parameters": [ { "name": "orderId", "in": "path", "required": true, "schema": { "type": "string", "format": "uuid" } } ],
			        "responses": { "200": { "description": "OK", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/OrderView" } } } } }
			      }
			    },
			    "/internal/reindex": {
			      "post": {
			        "tags": [ "internal" ],
			        "operationId": "reindex",
			        "responses": { "200": { "description": "OK", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ReindexReport" } } } } }
			      }
			    }
			  },
			  "components": {
			    "schemas": {
			      "PlaceOrderRequest": { "type": "object", "properties": { "customerId": { "type": "string" }, "items": { "type": "array", "items": { "$ref": "#/components/schemas/Item" } } } },
			      "Item": { "type": "object", "properties": { "sku": { "type": "string" }, "quantity": { "type": "integer" } } },
			      "OrderView": { "type": "object", "properties": { "orderId": { "type": "string" }, "total": { "$ref": "#/components/schemas/Money" } } },
			      "Money": { "type": "object", "properties": { "amount": { "type": "integer", "format": "int64" }, "currency": { "type": "string" } } },
			      "ReindexReport": { "type": "object", "properties": { "reindexed": { "type": "integer" } } }
			    }
			  }
			}
			""";

	static final String PAYMENT_SERVICE_DOCS = """
			{
			  "openapi": "3.1.0",
			  "info": { "title": "OpenAPI definition", "version": "v0" },
			  "servers": [ { "url": "http://localhost:8083", "description": "Generated server url" } ],
			  "paths": {
			    "/accounts/{customerId}": {
			      "get": {
			        "tags": [ "accounts" ],
			        "operationId": "get",
			        "responses": { "200": { "description": "OK", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Account" } } } } }
			      }
			    },
			    "/payments": {
			      "get": {
			        "tags": [ "payments" ],
			        "operationId": "find",
			        "responses": { "200": { "description": "OK", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Payment" } } } } } }
			      }
			    },
			    "/internal/ledger": {
			      "get": { "operationId": "ledger", "responses": { "200": { "description": "OK" } } }
			    }
			  },
			  "components": {
			    "schemas": {
			      "Account": { "type": "object", "properties": { "balance": { "$ref": "#/components/schemas/Money" } } },
			      "Payment": { "type": "object", "properties": { "amount": { "$ref": "#/components/schemas/Money" }, "item": { "$ref": "#/components/schemas/Item" } } },
			      "Item": { "type": "object", "properties": { "description": { "type": "string" } } },
			      "Money": { "type": "object", "properties": { "amount": { "type": "integer", "format": "int64" }, "currency": { "type": "string" } } }
			    },
			    "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } }
			  }
			}
			""";

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	private OpenApiFixtures() {
	}

	static JsonNode json(String text) {
		return jsonMapper.readTree(text);
	}

	static DocumentedService orderService() {
		return PublicRoutes
			.documentedServices(List.of(route("orders", "http://orders:8081", "Path=/api/orders,/api/orders/**")))
			.getFirst();
	}

	static DocumentedService paymentService() {
		return PublicRoutes
			.documentedServices(List.of(route("accounts", "http://payments:8083", "Path=/api/accounts/**"),
					route("payments", "http://payments:8083", "Path=/api/payments,/api/payments/**")))
			.getFirst();
	}

	static RouteDefinition route(String id, String uri, String path, String... filters) {
		RouteDefinition route = new RouteDefinition();
		route.setId(id);
		route.setUri(URI.create(uri));
		route.setPredicates(List.of(new PredicateDefinition(path)));
		route.setFilters((filters.length > 0) ? Arrays.stream(filters).map(FilterDefinition::new).toList()
				: List.of(new FilterDefinition("StripPrefix=1")));
		return route;
	}

}
