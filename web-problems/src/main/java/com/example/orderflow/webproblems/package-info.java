/**
 * The servlet services' answers of last resort, as RFC 9457 problem details: a database
 * out of reach for a moment is a 503 with {@code Retry-After}, anything else no handler
 * expects a 500 that tells the client nothing of the internals.
 */
package com.example.orderflow.webproblems;
