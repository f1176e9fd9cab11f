/**
 * Refuses requests before anything reads them: an unreliable body length (a transfer
 * coding other than chunked), a request line or headers beyond the limits, or more header
 * fields than the services accept. Each gets a problem+json answer from the connection
 * itself, which is then closed, since what follows on it cannot be trusted.
 */
package com.example.orderflow.gateway.framing;
