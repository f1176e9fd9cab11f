/**
 * payment-service: holds customer accounts and charges or refunds one payment per order
 * when the saga orchestrator asks.
 */
package com.example.orderflow.payment;
