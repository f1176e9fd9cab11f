/**
 * The servlet services' shared RFC 9457 problem details. Their answers of last resort: a
 * database out of reach for a moment is a 503 with {@code Retry-After}, anything else no
 * handler expects a 500 that tells the client nothing of the internals. And the base of
 * each service's own advice, which lists the invalid fields of a bad request under
 * {@code errors}.
 */
package com.example.orderflow.webproblems;
