package com.example.orderflow.auth.user;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Spring's problem details, plus an {@code errors} list on a bad request naming the
 * fields. Ordered before web-problems' fallback, which answers what no handler here
 * expects (a database out of reach, a bug) without internals.
 */
@RestControllerAdvice(assignableTypes = UserController.class)
@Order(0)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final String ERRORS = "errors";

	@ExceptionHandler
	ProblemDetail invalidPassword(InvalidPasswordException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid request content.");
		problem.setTitle("Bad Request");
		problem.setProperty(ERRORS, List.of(new InvalidField("password", ex.getMessage())));
		return problem;
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<InvalidField> errors = new ArrayList<>();
		ex.getBindingResult().getFieldErrors().forEach((error) -> errors.add(invalidField(error)));
		return withErrors(super.handleMethodArgumentNotValid(ex, headers, status, request), errors);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<InvalidField> errors = new ArrayList<>();
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			if (result instanceof ParameterErrors bean) {
				bean.getFieldErrors().forEach((error) -> errors.add(invalidField(error)));
			}
			else {
				String name = result.getMethodParameter().getParameterName();
				result.getResolvableErrors()
					.forEach((error) -> errors.add(new InvalidField((name != null) ? name : "?", message(error))));
			}
		}
		return withErrors(super.handleHandlerMethodValidationException(ex, headers, status, request), errors);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return withErrors(super.handleHttpMessageNotReadable(ex, headers, status, request),
				List.of(new InvalidField("body", "is missing or not valid JSON")));
	}

	private static @Nullable ResponseEntity<Object> withErrors(@Nullable ResponseEntity<Object> response,
			List<InvalidField> errors) {
		if (response != null && response.getBody() instanceof ProblemDetail problem) {
			problem.setProperty(ERRORS,
					errors.stream().sorted(Comparator.comparing(InvalidField::field)).distinct().toList());
		}
		return response;
	}

	private static InvalidField invalidField(FieldError error) {
		return new InvalidField(error.getField(), error.isBindingFailure() ? "has an invalid value" : message(error));
	}

	private static String message(MessageSourceResolvable error) {
		return (error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid";
	}

}
