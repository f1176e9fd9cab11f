package com.example.orderflow.order.orders;

/** Where an order stands: the saga decides once between approved and rejected. */
public enum OrderStatus {

	PENDING, APPROVED, REJECTED

}
