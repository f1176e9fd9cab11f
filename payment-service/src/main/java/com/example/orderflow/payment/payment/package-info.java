/**
 * One payment per order: charges and refunds it on the orchestrator's commands and shows
 * payments to operators.
 */
package com.example.orderflow.payment.payment;
