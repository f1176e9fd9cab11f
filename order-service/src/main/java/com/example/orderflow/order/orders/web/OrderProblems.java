package com.example.orderflow.order.orders.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.example.orderflow.order.orders.IdempotencyKeyReusedException;
import com.example.orderflow.order.orders.OrderNotFoundException;
import com.example.orderflow.order.orders.UnplaceableOrderException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as RFC 9457 problem details. A 400 lists each invalid field under
 * {@code errors}, so a client can point at all of them at once. Ordered before
 * web-problems' advice, which answers what none of these handlers does: the database out
 * of reach for a moment with a 503, the unexpected with a 500.
 */
@RestControllerAdvice
@Order(0)
class OrderProblems extends ResponseEntityExceptionHandler {

	private static final String ERRORS = "errors";

	@ExceptionHandler
	ProblemDetail orderNotFound(OrderNotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail idempotencyKeyReused(IdempotencyKeyReusedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
		problem.setTitle("Idempotency-Key reused");
		return problem;
	}

	/**
	 * 422 rather than 400: the request is well-formed, but names what does not exist or
	 * does not fit together; {@code errors} says where, as for a 400.
	 */
	@ExceptionHandler
	ProblemDetail unplaceable(UnplaceableOrderException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				"The order cannot succeed; errors lists why.");
		problem.setTitle("Order cannot be placed");
		problem.setProperty(ERRORS,
				ex.reasons().stream().map((reason) -> new InvalidField(reason.field(), reason.message())).toList());
		return problem;
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ex.getBody();
		problem.setDetail("The request has invalid fields.");
		problem.setProperty(ERRORS, invalidFields(ex.getBindingResult()));
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<InvalidField> invalid = new ArrayList<>();
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			if (result instanceof ParameterErrors errors) {
				invalid.addAll(invalidFields(errors));
			}
			else {
				String name = nameOf(result.getMethodParameter());
				for (MessageSourceResolvable error : result.getResolvableErrors()) {
					invalid.add(new InvalidField(name, error.getDefaultMessage()));
				}
			}
		}
		ProblemDetail problem = ex.getBody();
		problem.setDetail("The request has invalid fields.");
		problem.setProperty(ERRORS, invalid);
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (ex instanceof MissingRequestHeaderException missing) {
			ProblemDetail problem = ex.getBody();
			problem.setProperty(ERRORS, List.of(new InvalidField(missing.getHeaderName(), "is required")));
			return handleExceptionInternal(ex, problem, headers, status, request);
		}
		return super.handleServletRequestBindingException(ex, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String field = (ex.getPropertyName() != null) ? ex.getPropertyName() : "request";
		Class<?> type = ex.getRequiredType();
		String message = (type == null) ? "has an invalid value"
				: (type.isEnum()) ? "must be one of " + Arrays.toString(type.getEnumConstants())
						: "must be a valid " + type.getSimpleName();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "'" + field + "' " + message + ".");
		problem.setProperty(ERRORS, List.of(new InvalidField(field, message)));
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	private static List<InvalidField> invalidFields(Errors errors) {
		List<InvalidField> invalid = new ArrayList<>();
		for (FieldError error : errors.getFieldErrors()) {
			invalid.add(new InvalidField(error.getField(), error.getDefaultMessage()));
		}
		errors.getGlobalErrors()
			.forEach((error) -> invalid.add(new InvalidField(error.getObjectName(), error.getDefaultMessage())));
		return invalid;
	}

	private static String nameOf(MethodParameter parameter) {
		RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
		if (header != null) {
			return firstNonEmpty(header.name(), header.value(), parameter.getParameterName());
		}
		RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
		if (param != null) {
			return firstNonEmpty(param.name(), param.value(), parameter.getParameterName());
		}
		return parameter.getParameterName();
	}

	private static String firstNonEmpty(String... candidates) {
		return Arrays.stream(candidates).filter((c) -> c != null && !c.isEmpty()).findFirst().orElse("request");
	}

	record InvalidField(String field, String message) {

	}

}
