package com.example.orderflow.auth.user;

import java.util.List;

import com.example.orderflow.webproblems.InvalidField;
import com.example.orderflow.webproblems.InvalidFieldProblems;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Spring's problem details, with the base class's {@code errors} list on a bad request
 * naming the fields. Ordered before web-problems' fallback, which answers what no handler
 * here expects (a database out of reach, a bug) without internals.
 */
@RestControllerAdvice(assignableTypes = UserController.class)
@Order(0)
class ApiExceptionHandler extends InvalidFieldProblems {

	@ExceptionHandler
	ProblemDetail invalidPassword(InvalidPasswordException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid request content.");
		problem.setTitle("Bad Request");
		problem.setProperty(ERRORS, List.of(new InvalidField("password", ex.getMessage())));
		return problem;
	}

}
