/**
 * Refuses request bodies larger than {@code gateway.max-request-body} before they reach a
 * service.
 */
package com.example.orderflow.gateway.bodylimit;
