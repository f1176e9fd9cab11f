/**
 * Keeps a failing or slow service from taking the gateway down with it: per route a
 * circuit breaker, a time limit, a concurrency limit (bulkhead) and, for safe methods,
 * retries with backoff, all Resilience4j instances named after the route.
 */
package com.example.orderflow.gateway.resilience;
