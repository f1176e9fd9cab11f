package com.example.orderflow.order.orders.web;

import java.net.URI;
import java.util.UUID;

import com.example.orderflow.order.orders.OrderNotFoundException;
import com.example.orderflow.order.orders.OrderPlacement;
import com.example.orderflow.order.orders.OrderRepository;
import com.example.orderflow.order.orders.OrderStatus;
import com.example.orderflow.order.orders.PlacedOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/orders")
class OrderController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final OrderPlacement placement;

	private final OrderRepository orders;

	OrderController(OrderPlacement placement, OrderRepository orders) {
		this.placement = placement;
		this.orders = orders;
	}

	/**
	 * Accepted, not created: the saga decides later. A retry with the same key gets the
	 * same answer, so clients may retry after a timeout without ordering twice.
	 * {@code produces}, so that a client accepting no JSON is told 406 before the order
	 * is placed rather than after; {@code consumes}, so that a body that is not JSON is
	 * told 415 first, whatever the client accepts.
	 */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<PlacedOrder> place(@RequestHeader(IDEMPOTENCY_KEY) @NotBlank @Size(max = 200) String idempotencyKey,
			@RequestBody @Valid PlaceOrderRequest request) {
		PlacedOrder placed = this.placement.place(idempotencyKey, request.toPlaceOrder());
		// Relative, because behind the gateway this service's own host name means nothing
		// to the client.
		return ResponseEntity.accepted().location(URI.create("/orders/" + placed.orderId())).body(placed);
	}

	@GetMapping("/{orderId}")
	OrderResponse get(@PathVariable UUID orderId) {
		return this.orders.findById(orderId)
			.map(OrderResponse::of)
			.orElseThrow(() -> new OrderNotFoundException(orderId));
	}

	@GetMapping
	OrderPageResponse list(@RequestParam(required = false) String customerId,
			@RequestParam(required = false) OrderStatus status, @RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		String customer = (customerId != null && !customerId.isBlank()) ? customerId : null;
		return OrderPageResponse.of(this.orders.findPage(customer, status, page, size));
	}

}
