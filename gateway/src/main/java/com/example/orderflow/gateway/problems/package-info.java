/**
 * Turns every error the gateway itself produces (unknown path, refused body, a service
 * that is down, too slow or paused, a client over its rate limit) into an RFC 9457
 * problem+json response.
 */
package com.example.orderflow.gateway.problems;
