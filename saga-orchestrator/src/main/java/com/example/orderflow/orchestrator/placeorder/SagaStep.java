package com.example.orderflow.orchestrator.placeorder;

import java.time.Instant;

/**
 * One line of a saga's history: what happened ({@code event}), the state it led to, and
 * when.
 */
record SagaStep(Instant at, SagaState state, String event, String detail) {
}
