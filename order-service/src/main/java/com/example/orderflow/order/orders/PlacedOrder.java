package com.example.orderflow.order.orders;

import java.util.UUID;

/**
 * The answer to placing an order, also when the request was a retry of an earlier one.
 */
public record PlacedOrder(UUID orderId, OrderStatus status) {

}
