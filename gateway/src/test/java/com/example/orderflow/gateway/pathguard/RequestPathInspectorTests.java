package com.example.orderflow.gateway.pathguard;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.example.orderflow.gateway.pathguard.RequestPathInspector.Verdict;

import static org.assertj.core.api.Assertions.assertThat;

class RequestPathInspectorTests {

	@ParameterizedTest
	@ValueSource(strings = { "/", "/api/orders", "/api/orders/42", "/api/products/SKU-1.2", "/api/orders/actuator",
			"/api/orders/42/actuator", "/actuator/health", "/actuator/health/liveness", "/api/docs",
			"/webjars/swagger-ui/index.html", "/api/products/a%20b", "/api/orders/...", "/api/orders/.well-known" })
	void passesPathsWithoutDotSegmentsThatDoNotForwardToActuator(String path) {
		assertThat(RequestPathInspector.inspect(path)).isEqualTo(Verdict.PASS);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/orders/../actuator/health", "/api/orders/./health",
			"/api/orders/%2e%2e/actuator/env", "/api/orders/%2E%2E/actuator/env", "/api/orders/.%2e/actuator/env",
			"/api/orders/..;/actuator/health", "/api/orders/..;jsessionid=1/actuator/health",
			"/api/orders/%252e%252e/actuator/health", "/api/orders/%25252e%25252e/actuator/health",
			"/api/orders/..%2factuator/health", "/api/orders/..%5cactuator/health", "/api/orders%2f..%2f..%2factuator",
			"/api/orders/42/../../actuator", "/api/orders/..", "/.." })
	void refusesEveryFormOfDotSegment(String path) {
		assertThat(RequestPathInspector.inspect(path)).isEqualTo(Verdict.REFUSE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/actuator", "/api/actuator/health", "/api//actuator/health",
			"/api;x=1/actuator/health", "/api/ACTUATOR/health", "/api/%61ctuator/health", "/api/actuator;x=1/env" })
	void refusesPathsWhoseForwardedFormStartsWithActuator(String path) {
		assertThat(RequestPathInspector.inspect(path)).isEqualTo(Verdict.REFUSE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/orders/%zz", "/api/orders/%2", "/api/orders/%", "/api/orders/%25zz" })
	void reportsBrokenPercentEncodingAsMalformed(String path) {
		assertThat(RequestPathInspector.inspect(path)).isEqualTo(Verdict.MALFORMED);
	}

}
