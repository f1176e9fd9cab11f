package com.example.orderflow.payment.provider;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.example.orderflow.payment.provider.ProviderRequest.Operation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provider's HTTP API, one attempt per call, no resilience: {@code POST /v1/charges}
 * and {@code POST /v1/refunds} with an {@code Idempotency-Key} header. The returned
 * future fails with {@link ProviderUnavailableException} (5xx, connection failures) or
 * {@link ProviderRefusedException} (4xx), never wrapped, so Resilience4j sees the real
 * cause. Cancelling it aborts the HTTP exchange.
 */
class PaymentProviderClient {

	private final HttpClient http;

	private final URI baseUrl;

	private final JsonMapper json = JsonMapper.builder().build();

	PaymentProviderClient(PaymentProviderProperties properties) {
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		this.baseUrl = properties.url();
	}

	CompletableFuture<String> send(Operation operation, ProviderRequest request) {
		HttpRequest http = HttpRequest.newBuilder(this.baseUrl.resolve(operation.path()))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", request.idempotencyKey(operation))
			.POST(HttpRequest.BodyPublishers.ofString(body(request)))
			.build();
		CompletableFuture<String> result = new CompletableFuture<>();
		CompletableFuture<HttpResponse<String>> exchange = this.http.sendAsync(http,
				HttpResponse.BodyHandlers.ofString());
		exchange.whenComplete((response, failure) -> {
			if (failure != null) {
				Throwable cause = RetryableProviderFailure.unwrap(failure);
				result.completeExceptionally(
						new ProviderUnavailableException("payment provider unreachable: " + cause, cause));
				return;
			}
			try {
				result.complete(reference(operation, response));
			}
			catch (RuntimeException ex) {
				result.completeExceptionally(ex);
			}
		});
		result.whenComplete((reference, failure) -> {
			if (result.isCancelled()) {
				exchange.cancel(true);
			}
		});
		return result;
	}

	private String reference(Operation operation, HttpResponse<String> response) {
		int status = response.statusCode();
		if (status >= 200 && status < 300) {
			JsonNode id = this.json.readTree(response.body()).path("id");
			return id.isString() ? id.asString() : "unknown";
		}
		if (operation == Operation.REFUND && status == 404) {
			// no capture under this order's key: nothing to give back
			return "none";
		}
		if (status >= 400 && status < 500 && status != 408 && status != 429) {
			throw new ProviderRefusedException(status, abbreviate(response.body()));
		}
		throw new ProviderUnavailableException("payment provider answered " + status);
	}

	private String body(ProviderRequest request) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("reference", request.orderId().toString());
		body.put("customer", request.customerId());
		body.put("amount", request.amount().amount());
		body.put("currency", request.amount().currency());
		return this.json.writeValueAsString(body);
	}

	private static String abbreviate(String body) {
		return (body.length() > 200) ? body.substring(0, 200) + "..." : body;
	}

}
