package com.example.orderflow.inventory.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Renders every error as RFC 9457 problem details. The base class covers Spring MVC's own
 * exceptions and every {@code ErrorResponseException}, which is what the features' domain
 * exceptions extend (404 for an unknown product or reservation, 409 for a stock change
 * that breaks a reservation). This adds the {@code errors} list to validation failures,
 * so a client can point at the fields to fix. Ordered before web-problems' advice, which
 * answers what none of these handlers does: the database out of reach for a moment with a
 * 503, the unexpected with a 500.
 */
@RestControllerAdvice
@Order(0)
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<InvalidField> errors = ex.getBindingResult().getFieldErrors().stream().map(InvalidField::of).toList();
		return handleExceptionInternal(ex, withErrors(ex.getBody(), errors), headers, status, request);
	}

	/**
	 * Raised instead of the above when the handler also has constrained parameters, such
	 * as a path variable: then the body's field errors arrive here as well.
	 */
	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<InvalidField> errors = new ArrayList<>();
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			if (result instanceof ParameterErrors bean) {
				bean.getFieldErrors().stream().map(InvalidField::of).forEach(errors::add);
			}
			else {
				String parameter = result.getMethodParameter().getParameterName();
				for (MessageSourceResolvable error : result.getResolvableErrors()) {
					errors.add(new InvalidField(parameter, error.getDefaultMessage()));
				}
			}
		}
		return handleExceptionInternal(ex, withErrors(ex.getBody(), errors), headers, status, request);
	}

	private static ProblemDetail withErrors(ProblemDetail body, List<InvalidField> errors) {
		body.setProperty("errors", errors);
		return body;
	}

	record InvalidField(String field, String message) {

		static InvalidField of(FieldError error) {
			return new InvalidField(error.getField(), error.getDefaultMessage());
		}

	}

}
