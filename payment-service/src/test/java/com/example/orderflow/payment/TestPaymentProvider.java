package com.example.orderflow.payment;

import com.github.tomakehurst.wiremock.WireMockServer;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The payment provider for tests: a real WireMock server on a free port, serving the stub
 * mappings that ./stack serves (payment-service/psp). Tests add faults on top, scoped to
 * their own order where they can, so the one server is shared by the JVM.
 */
public final class TestPaymentProvider {

	private static final WireMockServer server = start();

	private TestPaymentProvider() {
	}

	public static WireMockServer server() {
		return server;
	}

	public static String url() {
		return server.baseUrl();
	}

	private static WireMockServer start() {
		WireMockServer server = new WireMockServer(
				options().dynamicPort().usingFilesUnderDirectory("psp").maxRequestJournalEntries(20_000));
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		return server;
	}

}
