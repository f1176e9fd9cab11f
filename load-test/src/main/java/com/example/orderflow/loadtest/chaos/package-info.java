/**
 * {@code ./stack chaos}: a steady load of orders through the gateway, a fault injected
 * into the running local stack and healed, the system left to settle, then an audit of
 * every order, payment, reservation and stock level, written up as a report.
 */
package com.example.orderflow.loadtest.chaos;
