package com.example.orderflow.order.orders;

import java.util.UUID;

public class OrderNotFoundException extends RuntimeException {

	public OrderNotFoundException(UUID orderId) {
		super("Order " + orderId + " does not exist");
	}

}
