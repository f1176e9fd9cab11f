package com.example.orderflow.gateway.openapi;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static com.example.orderflow.gateway.openapi.OpenApiFixtures.ORDER_SERVICE_DOCS;
import static com.example.orderflow.gateway.openapi.OpenApiFixtures.PAYMENT_SERVICE_DOCS;
import static com.example.orderflow.gateway.openapi.OpenApiFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

class ApiDocsMergerTests {

	private final ObjectNode merged = ApiDocsMerger
		.merge(List.of(new ServiceDocs(OpenApiFixtures.orderService(), json(ORDER_SERVICE_DOCS)),
				new ServiceDocs(OpenApiFixtures.paymentService(), json(PAYMENT_SERVICE_DOCS))));

	@Test
	void describesThePublicApiServedFromTheGatewayItself() {
		assertThat(this.merged.path("openapi").stringValue()).isEqualTo("3.1.0");
		assertThat(this.merged.path("info").path("title").stringValue()).isEqualTo("orderflow public API");
		assertThat(this.merged.path("servers")).hasSize(1);
		assertThat(this.merged.path("servers").get(0).path("url").stringValue()).isEqualTo("/");
		assertThat(this.merged.has(ApiDocsMerger.UNAVAILABLE)).isFalse();
	}

	@Test
	void publishesOnlyRoutedPathsPrefixedWithApi() {
		assertThat(this.merged.path("paths").propertyNames()).containsExactly("/api/accounts/{customerId}",
				"/api/orders", "/api/orders/{orderId}", "/api/payments");
	}

	@Test
	void sharesIdenticalComponentsAndRenamesConflictingOnesPerService() {
		JsonNode schemas = this.merged.path("components").path("schemas");
		assertThat(schemas.propertyNames()).containsExactlyInAnyOrder("Account", "Item", "Money", "OrderView",
				"Payment", "PlaceOrderRequest", "accounts.Item");
		assertThat(schemas.path("Item").path("properties").has("sku")).isTrue();
		assertThat(schemas.path("accounts.Item").path("properties").has("description")).isTrue();
		assertThat(schemas.path("Payment").path("properties").path("item").path("$ref").stringValue())
			.isEqualTo("#/components/schemas/accounts.Item");
		assertThat(schemas.path("Payment").path("properties").path("amount").path("$ref").stringValue())
			.isEqualTo("#/components/schemas/Money");
	}

	@Test
	void leavesOutComponentsAndTagsOnlyUnpublishedPathsUse() {
		assertThat(this.merged.path("components").path("schemas").has("ReindexReport")).isFalse();
		List<String> tags = new ArrayList<>();
		this.merged.path("tags").values().forEach((tag) -> tags.add(tag.path("name").stringValue()));
		assertThat(tags).containsExactly("orders");
	}

	@Test
	void keepsSecuritySchemesBecauseRequirementsReferToThemByName() {
		assertThat(this.merged.path("components").path("securitySchemes").has("bearer")).isTrue();
	}

	@Test
	void keepsOperationIdsUniqueAcrossServices() {
		assertThat(operationId("/api/orders/{orderId}", "get")).isEqualTo("get");
		assertThat(operationId("/api/accounts/{customerId}", "get")).isEqualTo("accounts_get");
		assertThat(operationId("/api/payments", "get")).isEqualTo("find");
	}

	@Test
	void listsTheRoutesOfAServiceWithoutADocumentAsUnavailable() {
		ObjectNode partial = ApiDocsMerger.merge(List.of(new ServiceDocs(OpenApiFixtures.orderService(), null),
				new ServiceDocs(OpenApiFixtures.paymentService(), json(PAYMENT_SERVICE_DOCS))));
		assertThat(partial.path("paths").propertyNames()).containsExactly("/api/accounts/{customerId}",
				"/api/payments");
		assertThat(partial.path(ApiDocsMerger.UNAVAILABLE).values()).extracting(JsonNode::stringValue)
			.containsExactly("orders");
	}

	@Test
	void producesAValidEmptyDocumentWhenNoServiceAnswers() {
		ObjectNode empty = ApiDocsMerger.merge(List.of(new ServiceDocs(OpenApiFixtures.paymentService(), null)));
		assertThat(empty.path("openapi").stringValue()).isEqualTo("3.1.0");
		assertThat(empty.path("paths").isObject()).isTrue();
		assertThat(empty.path("paths").size()).isZero();
		assertThat(empty.path(ApiDocsMerger.UNAVAILABLE).values()).extracting(JsonNode::stringValue)
			.containsExactly("accounts", "payments");
	}

	@Test
	void leavesTheServicesDocumentsUntouched() {
		JsonNode original = json(ORDER_SERVICE_DOCS);
		JsonNode copy = original.deepCopy();
		ApiDocsMerger.merge(List.of(new ServiceDocs(OpenApiFixtures.paymentService(), json(PAYMENT_SERVICE_DOCS)),
				new ServiceDocs(OpenApiFixtures.orderService(), original)));
		assertThat(original).isEqualTo(copy);
	}

	private String operationId(String path, String method) {
		return this.merged.path("paths").path(path).path(method).path("operationId").stringValue();
	}

}
