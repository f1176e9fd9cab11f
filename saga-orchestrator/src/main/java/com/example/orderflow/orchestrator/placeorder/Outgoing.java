package com.example.orderflow.orchestrator.placeorder;

import com.example.orderflow.contracts.SagaMessage;

/** A command the saga decided to send, and the topic it goes to. */
record Outgoing(String topic, SagaMessage command) {
}
