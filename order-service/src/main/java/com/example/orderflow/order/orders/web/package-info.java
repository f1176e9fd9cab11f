/**
 * The orders HTTP API: placing, reading and listing orders, with errors as RFC 9457
 * problem details.
 */
package com.example.orderflow.order.orders.web;
