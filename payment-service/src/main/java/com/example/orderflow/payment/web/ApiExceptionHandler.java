package com.example.orderflow.payment.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import com.example.orderflow.payment.account.AccountNotFoundException;
import com.example.orderflow.payment.account.BalanceLimitExceededException;
import com.example.orderflow.payment.account.CurrencyMismatchException;
import com.example.orderflow.payment.account.CurrencyRequiredException;
import com.example.orderflow.payment.payment.MissingPaymentFilterException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.annotation.Order;
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
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Spring's problem details, plus an {@code errors} list on a bad request so a client can
 * point at the fields, and the status of each domain failure. Bad input is never a 500.
 * Ordered before web-problems' advice, which answers what none of these handlers does:
 * the database out of reach for a moment with a 503, the unexpected with a 500.
 */
@RestControllerAdvice
@Order(0)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final String ERRORS = "errors";

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

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<InvalidField> errors = new ArrayList<>();
		ex.getBindingResult().getFieldErrors().forEach((error) -> errors.add(invalidField(error)));
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach((error) -> errors.add(new InvalidField(error.getObjectName(), message(error))));
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
	protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		Class<?> type = ex.getRequiredType();
		String expected = (type != null) ? "must be a valid " + type.getSimpleName() : "has an invalid value";
		String field = (ex.getPropertyName() != null) ? ex.getPropertyName() : "?";
		return withErrors(super.handleTypeMismatch(ex, headers, status, request),
				List.of(new InvalidField(field, expected)));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMissingServletRequestParameter(
			MissingServletRequestParameterException ex, HttpHeaders headers, HttpStatusCode status,
			WebRequest request) {
		return withErrors(super.handleMissingServletRequestParameter(ex, headers, status, request),
				List.of(new InvalidField(ex.getParameterName(), "is required")));
	}

	/**
	 * Names the field when the body is JSON but a value has the wrong type, and the body
	 * as a whole when it is not JSON at all.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String field = jsonPathOf(ex);
		InvalidField error = (field != null) ? new InvalidField(field, "has an invalid value")
				: new InvalidField("body", "is missing or not valid JSON");
		return withErrors(super.handleHttpMessageNotReadable(ex, headers, status, request), List.of(error));
	}

	private static @Nullable String jsonPathOf(Throwable failure) {
		for (Throwable t = failure; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
			if (t instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
				return jackson.getPath()
					.stream()
					.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
							: "[" + reference.getIndex() + "]")
					.collect(Collectors.joining("."));
			}
		}
		return null;
	}

	private static ProblemDetail problem(HttpStatus status, String title, Exception ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		problem.setTitle(title);
		return problem;
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
