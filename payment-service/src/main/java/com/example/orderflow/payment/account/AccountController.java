package com.example.orderflow.payment.account;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/accounts")
class AccountController {

	private final AccountService accounts;

	AccountController(AccountService accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/{customerId}")
	AccountResponse get(@PathVariable @Pattern(regexp = Account.CUSTOMER_ID_PATTERN,
			message = Account.CUSTOMER_ID_MESSAGE) String customerId) {
		return AccountResponse.of(this.accounts.get(customerId));
	}

	@PostMapping("/{customerId}/deposits")
	AccountResponse deposit(
			@PathVariable @Pattern(regexp = Account.CUSTOMER_ID_PATTERN,
					message = Account.CUSTOMER_ID_MESSAGE) String customerId,
			@Valid @RequestBody DepositRequest request) {
		return AccountResponse.of(this.accounts.deposit(customerId, request.amount(), request.currency()));
	}

}
