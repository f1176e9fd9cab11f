/**
 * Limits how many requests one client (the principal a valid token names, otherwise the
 * remote address) may send to the API per second, answering 429 with {@code Retry-After}
 * beyond it.
 */
package com.example.orderflow.gateway.ratelimit;
