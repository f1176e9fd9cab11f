package com.example.orderflow.gateway.openapi;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param timeout how long the gateway waits for one service's document before it leaves
 * that service out; short, because the merged document waits for the slowest service
 * @param docsPath where each service serves its OpenAPI document (springdoc's default)
 */
@ConfigurationProperties("gateway.openapi")
record OpenApiProperties(@DefaultValue("2s") Duration timeout, @DefaultValue("/v3/api-docs") String docsPath) {

	OpenApiProperties {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("gateway.openapi.timeout must be positive");
		}
		if (!docsPath.startsWith("/")) {
			throw new IllegalArgumentException("gateway.openapi.docs-path must start with /");
		}
	}

}
