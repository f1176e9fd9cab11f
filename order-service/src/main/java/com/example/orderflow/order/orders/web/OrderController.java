package com.example.orderflow.order.orders.web;

import java.net.URI;
import java.util.UUID;

import com.example.orderflow.order.orders.OrderNotFoundException;
import com.example.orderflow.order.orders.OrderPlacement;
import com.example.orderflow.order.orders.OrderRepository;
import com.example.orderflow.order.orders.OrderStatus;
import com.example.orderflow.order.orders.PlacedOrder;
import com.example.orderflow.servicesecurity.Caller;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Customers place, read and list their own orders; operators (support staff, the load and
 * drill tools) any customer's. Another customer's order is answered as one that does not
 * exist, so the answer tells nothing about it.
 */
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
	 * told 415 first, whatever the client accepts. Refused before the idempotency key is
	 * looked at, so another customer's key reveals nothing.
	 */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	@ApiResponse(responseCode = "202", description = "Accepted; the saga decides. A retry gets the same answer.",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = PlacedOrder.class)))
	@ApiResponse(responseCode = "403", description = "A customer places orders only for themselves",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
	ResponseEntity<PlacedOrder> place(@RequestHeader(IDEMPOTENCY_KEY) @NotBlank @Size(max = 200) String idempotencyKey,
			@RequestBody @Valid PlaceOrderRequest request, Caller caller) {
		if (!caller.mayActFor(request.customerId())) {
			throw new AccessDeniedException("Placing an order for another customer");
		}
		PlacedOrder placed = this.placement.place(idempotencyKey, request.toPlaceOrder(), caller.name());
		// Relative, because behind the gateway this service's own host name means nothing
		// to the client.
		return ResponseEntity.accepted().location(URI.create("/orders/" + placed.orderId())).body(placed);
	}

	@GetMapping("/{orderId}")
	@ApiResponse(responseCode = "200", description = "The order",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = OrderResponse.class)))
	@ApiResponse(responseCode = "404", description = "No such order, or not the caller's",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
	OrderResponse get(@PathVariable UUID orderId, Caller caller) {
		return this.orders.findById(orderId)
			.filter((order) -> caller.mayActFor(order.customerId()))
			.map(OrderResponse::of)
			.orElseThrow(() -> new OrderNotFoundException(orderId));
	}

	/**
	 * A customer without a {@code customerId} filter sees their own orders; an operator
	 * without one sees everyone's.
	 */
	@GetMapping
	@ApiResponse(responseCode = "200", description = "A page of orders, newest first",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = OrderPageResponse.class)))
	@ApiResponse(responseCode = "403", description = "A customer lists only their own orders",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
	OrderPageResponse list(@RequestParam(required = false) String customerId,
			@RequestParam(required = false) OrderStatus status, @RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size, Caller caller) {
		String customer = (customerId != null && !customerId.isBlank()) ? customerId : null;
		if (customer == null && !caller.operator()) {
			customer = caller.name();
		}
		if (customer != null && !caller.mayActFor(customer)) {
			throw new AccessDeniedException("Listing another customer's orders");
		}
		return OrderPageResponse.of(this.orders.findPage(customer, status, page, size));
	}

}
