package com.example.orderflow.loadtest.chaos.fault;

import java.net.InetSocketAddress;
import java.util.function.Supplier;

import com.example.orderflow.loadtest.chaos.audit.StateReader.Endpoints;

/**
 * What faults act on.
 *
 * @param paymentProvider WireMock's base URL, e.g. {@code http://127.0.0.1:8089}
 * @param service the service a targeted drill acts on (replay, cut-kafka)
 * @param services the four services' base URLs
 * @param postgresPort the PostgreSQL server's port
 * @param kafkaProxy where the cut-kafka drill's proxy listens, as the broker advertises
 * it
 * @param kafkaProxied the broker's listener behind that proxy
 * @param external the user's commands for the external drill
 * @param token the tools' bearer token, for the services' operator endpoints
 */
public record FaultTools(Stack stack, String paymentProvider, String kafkaBootstrap, String service, Endpoints services,
		int postgresPort, InetSocketAddress kafkaProxy, InetSocketAddress kafkaProxied, External external,
		Supplier<String> token) {

	/**
	 * The shell lines of the external drill; null where not given.
	 */
	public record External(String inject, String heal, String evidence) {

	}

}
