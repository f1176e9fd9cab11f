package com.example.orderflow.orchestrator.placeorder;

import com.example.orderflow.servicesecurity.test.TestIssuer;

import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;

/**
 * The orchestrator's HTTP API as the tests call it, with tokens of the test issuer (which
 * each test's context is pointed at with {@link TestIssuer#register}).
 */
final class Api {

	private Api() {
	}

	/** As the tools' operator token: reads, lists and retries any saga. */
	static RestClient asOperator(int port) {
		return withToken(port, TestIssuer.shared().operator());
	}

	static RestClient asCustomer(int port, String customerId) {
		return withToken(port, TestIssuer.shared().customer(customerId));
	}

	static RestClient withToken(int port, String token) {
		return RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.build();
	}

	static RestClient withoutToken(int port) {
		return RestClient.create("http://localhost:" + port);
	}

}
