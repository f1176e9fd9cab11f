package com.example.orderflow.payment.payment;

import java.util.List;
import java.util.UUID;

import com.example.orderflow.payment.account.Account;
import com.example.orderflow.servicesecurity.Caller;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/payments")
class PaymentController {

	private final PaymentRepository payments;

	PaymentController(PaymentRepository payments) {
		this.payments = payments;
	}

	/**
	 * A customer's query is always narrowed to their own payments, so another customer's
	 * order is answered like an unknown one: found nothing.
	 */
	@GetMapping
	@Operation(summary = "Payments by order, by customer or both, newest first",
			description = "A customer sees only their own payments: all of them without a filter, "
					+ "none for another customer's order, 403 for another customer's id. "
					+ "An operator sees anyone's and gives at least one filter.")
	List<PaymentResponse> find(@RequestParam(required = false) @Nullable UUID orderId,
			@RequestParam(required = false) @Nullable @Pattern(regexp = Account.CUSTOMER_ID_PATTERN,
					message = Account.CUSTOMER_ID_MESSAGE) String customerId,
			Caller caller) {
		if (customerId != null && !caller.mayActFor(customerId)) {
			throw new AccessDeniedException("Payments of another customer");
		}
		String owner = caller.operator() ? customerId : caller.name();
		if (orderId == null && owner == null) {
			throw new MissingPaymentFilterException();
		}
		return this.payments.find(orderId, owner).stream().map(PaymentResponse::of).toList();
	}

}
