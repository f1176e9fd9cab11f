/**
 * The external payment service provider (PSP): captures and refunds over HTTP, each
 * carrying an idempotency key, behind Resilience4j's circuit breaker, retry, bulkhead and
 * time limiter. Callers get an outcome, never an exception.
 */
package com.example.orderflow.payment.provider;
