/**
 * Turns every error the gateway itself produces (unknown path, refused body, a service
 * that is down or too slow) into an RFC 9457 problem+json response.
 */
package com.example.orderflow.gateway.problems;
