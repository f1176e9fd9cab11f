package com.example.orderflow.payment.payment;

import java.util.List;
import java.util.UUID;

import com.example.orderflow.payment.account.Account;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

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

	@GetMapping
	List<PaymentResponse> find(@RequestParam(required = false) @Nullable UUID orderId,
			@RequestParam(required = false) @Nullable @Pattern(regexp = Account.CUSTOMER_ID_PATTERN,
					message = Account.CUSTOMER_ID_MESSAGE) String customerId) {
		if (orderId == null && customerId == null) {
			throw new MissingPaymentFilterException();
		}
		return this.payments.find(orderId, customerId).stream().map(PaymentResponse::of).toList();
	}

}
