/**
 * Gives every request an {@code X-Request-Id} that the services and the caller see, so
 * one request can be followed across the gateway's and the services' logs.
 */
package com.example.orderflow.gateway.requestid;
