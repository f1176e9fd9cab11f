package com.example.orderflow.payment.account;

import com.example.orderflow.servicesecurity.Caller;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A customer's own account; operators see and fund anyone's. */
@RestController
@RequestMapping("/accounts")
class AccountController {

	private final AccountService accounts;

	AccountController(AccountService accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/{customerId}")
	@Operation(summary = "A customer's account and balance",
			description = "A customer reads their own; another customer's account is answered with 404, "
					+ "as one that does not exist. Operators read anyone's.")
	AccountResponse get(@PathVariable @Pattern(regexp = Account.CUSTOMER_ID_PATTERN,
			message = Account.CUSTOMER_ID_MESSAGE) String customerId, Caller caller) {
		if (!caller.mayActFor(customerId)) {
			// the same answer as for no account: nobody learns who has one
			throw new AccountNotFoundException(customerId);
		}
		return AccountResponse.of(this.accounts.get(customerId));
	}

	@PostMapping("/{customerId}/deposits")
	@Operation(summary = "Deposit, opening the account on the first deposit",
			description = "A customer deposits only into their own account (403 otherwise); "
					+ "operators into anyone's.")
	AccountResponse deposit(
			@PathVariable @Pattern(regexp = Account.CUSTOMER_ID_PATTERN,
					message = Account.CUSTOMER_ID_MESSAGE) String customerId,
			@Valid @RequestBody DepositRequest request, Caller caller) {
		if (!caller.mayActFor(customerId)) {
			throw new AccessDeniedException("Deposit for another customer");
		}
		return AccountResponse.of(this.accounts.deposit(customerId, request.amount(), request.currency()));
	}

}
