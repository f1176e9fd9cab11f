/**
 * order-service: takes orders from customers, starts their saga and records its outcome.
 */
package com.example.orderflow.order;
