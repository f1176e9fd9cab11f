package com.example.orderflow.order.orders.web;

import java.util.List;

import com.example.orderflow.order.orders.OrderPage;

record OrderPageResponse(List<OrderResponse> content, int page, int size, long totalElements, long totalPages) {

	static OrderPageResponse of(OrderPage page) {
		return new OrderPageResponse(page.content().stream().map(OrderResponse::of).toList(), page.page(), page.size(),
				page.totalElements(), page.totalPages());
	}

}
