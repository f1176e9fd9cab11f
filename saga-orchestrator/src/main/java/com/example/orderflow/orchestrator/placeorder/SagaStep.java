package com.example.orderflow.orchestrator.placeorder;

import java.time.Instant;

/**
 * One line of a saga's history: what happened ({@code event}), the state it led to, when,
 * and who it was done for ({@code principal}: the customer or operator who placed the
 * order, the operator who retried it; null if no principal was known, see
 * {@link Saga#actFor}).
 */
record SagaStep(Instant at, SagaState state, String event, String detail, String principal) {
}
