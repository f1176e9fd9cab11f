/**
 * What order-service can find out before it accepts an order: whether the products it
 * names exist (inventory-service) and whether the customer has an account
 * (payment-service), and in which currency each is.
 */
package com.example.orderflow.order.catalog;
