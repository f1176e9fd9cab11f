package com.example.orderflow.loadtest.chaos.fault;

/**
 * What faults act on.
 *
 * @param paymentProvider WireMock's base URL, e.g. {@code http://127.0.0.1:8089}
 * @param replayedService the service whose consumer group the replay drill resets
 */
public record FaultTools(Stack stack, String paymentProvider, String kafkaBootstrap, String replayedService) {

}
