package com.example.orderflow.order.orders;

import java.util.List;

/** One page of orders, newest first. */
public record OrderPage(List<Order> content, int page, int size, long totalElements) {

	public OrderPage {
		content = List.copyOf(content);
	}

	public long totalPages() {
		return (this.totalElements + this.size - 1) / this.size;
	}

}
