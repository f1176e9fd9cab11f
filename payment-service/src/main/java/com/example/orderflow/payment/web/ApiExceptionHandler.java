package com.example.orderflow.payment.web;

import java.util.List;

import com.example.orderflow.payment.account.AccountNotFoundException;
import com.example.orderflow.payment.account.BalanceLimitExceededException;
import com.example.orderflow.payment.account.CurrencyMismatchException;
import com.example.orderflow.payment.account.CurrencyRequiredException;
import com.example.orderflow.payment.payment.MissingPaymentFilterException;
import com.example.orderflow.webproblems.InvalidField;
import com.example.orderflow.webproblems.InvalidFieldProblems;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Spring's problem details, with the base class's {@code errors} list on a bad request so
 * a client can point at the fields, and the status of each domain failure. Bad input is
 * never a 500. Ordered before web-problems' advice, which answers what none of these
 * handlers does: the database out of reach for a moment with a 503, the unexpected with a
 * 500.
 */
@RestControllerAdvice
@Order(0)
class ApiExceptionHandler extends InvalidFieldProblems {

	@ExceptionHandler
	ProblemDetail accountNotFound(AccountNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "Account not found", ex);
	}

	@ExceptionHandler
	ProblemDetail currencyMismatch(CurrencyMismatchException ex) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Currency mismatch", ex);
	}

	@ExceptionHandler
	ProblemDetail balanceLimitExceeded(BalanceLimitExceededException ex) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Balance limit exceeded", ex);
	}

	@ExceptionHandler
	ProblemDetail currencyRequired(CurrencyRequiredException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", ex);
		problem.setProperty(ERRORS, List.of(new InvalidField(ex.field(), ex.reason())));
		return problem;
	}

	@ExceptionHandler
	ProblemDetail missingPaymentFilter(MissingPaymentFilterException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", ex);
		problem.setProperty(ERRORS,
				ex.parameters()
					.stream()
					.map((parameter) -> new InvalidField(parameter, "is required unless the other filter is given"))
					.toList());
		return problem;
	}

	private static ProblemDetail problem(HttpStatus status, String title, Exception ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		problem.setTitle(title);
		return problem;
	}

}
