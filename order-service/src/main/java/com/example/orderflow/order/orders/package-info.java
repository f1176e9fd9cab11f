/**
 * Orders: placing one exactly once per idempotency key (which starts the saga) and
 * applying the saga's verdict, approved or rejected, to it.
 */
package com.example.orderflow.order.orders;
