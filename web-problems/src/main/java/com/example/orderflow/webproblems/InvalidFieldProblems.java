package com.example.orderflow.webproblems;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Spring MVC's problem details, plus an {@link #ERRORS errors} list of
 * {@link InvalidField}s on every bad request, so that a client can point at all the
 * fields to fix at once. A service's advice extends this, adds the handlers of its own
 * exceptions, and keeps its {@code @Order} ahead of web-problems' fallback.
 * <p>
 * The list is sorted by field, so the same request always gets the same answer (bean
 * validation reports in no fixed order). A value that could not be converted is "has an
 * invalid value" rather than the converter's message, which would show internals.
 */
public abstract class InvalidFieldProblems extends ResponseEntityExceptionHandler {

	/** The problem property that lists the invalid fields. */
	protected static final String ERRORS = "errors";

	private static final String UNNAMED = "request";

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return withErrors(super.handleMethodArgumentNotValid(ex, headers, status, request),
				invalidFields(ex.getBindingResult()));
	}

	/**
	 * Raised instead of the above when the handler also has constrained parameters, such
	 * as a path variable: then the body's field errors arrive here as well.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<InvalidField> errors = new ArrayList<>();
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			if (result instanceof ParameterErrors bean) {
				errors.addAll(invalidFields(bean));
			}
			else {
				String name = nameOf(result.getMethodParameter());
				result.getResolvableErrors().forEach((error) -> errors.add(new InvalidField(name, message(error))));
			}
		}
		return withErrors(super.handleHandlerMethodValidationException(ex, headers, status, request), errors);
	}

	/**
	 * A path variable or query parameter of the wrong type. The detail says what was
	 * expected (the values, for an enum) and does not echo the value sent.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String field = (ex.getPropertyName() != null) ? ex.getPropertyName() : UNNAMED;
		Class<?> type = ex.getRequiredType();
		String message = (type == null) ? "has an invalid value"
				: (type.isEnum()) ? "must be one of " + Arrays.toString(type.getEnumConstants())
						: "must be a valid " + type.getSimpleName();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "'" + field + "' " + message + ".");
		return withErrors(handleExceptionInternal(ex, problem, headers, status, request),
				List.of(new InvalidField(field, message)));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMissingServletRequestParameter(
			MissingServletRequestParameterException ex, HttpHeaders headers, HttpStatusCode status,
			WebRequest request) {
		return withErrors(super.handleMissingServletRequestParameter(ex, headers, status, request),
				List.of(new InvalidField(ex.getParameterName(), "is required")));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ResponseEntity<Object> response = super.handleServletRequestBindingException(ex, headers, status, request);
		if (ex instanceof MissingRequestHeaderException missing) {
			return withErrors(response, List.of(new InvalidField(missing.getHeaderName(), "is required")));
		}
		return response;
	}

	/**
	 * Names the field when the body is JSON but a value has the wrong type or is not
	 * {@link PlainText}, and the body as a whole when it is not JSON at all.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String field = jsonPathOf(ex);
		String message = (NestedExceptionUtils.getMostSpecificCause(ex) instanceof StrictJson.NotPlainText)
				? PlainText.RULE : "has an invalid value";
		InvalidField error = (field != null) ? new InvalidField(field, message)
				: new InvalidField("body", "is missing or not valid JSON");
		return withErrors(super.handleHttpMessageNotReadable(ex, headers, status, request), List.of(error));
	}

	private static @Nullable ResponseEntity<Object> withErrors(@Nullable ResponseEntity<Object> response,
			List<InvalidField> errors) {
		if (response != null && response.getBody() instanceof ProblemDetail problem) {
			problem.setProperty(ERRORS,
					errors.stream().sorted(Comparator.comparing(InvalidField::field)).distinct().toList());
		}
		return response;
	}

	private static List<InvalidField> invalidFields(Errors errors) {
		List<InvalidField> invalid = new ArrayList<>();
		for (FieldError error : errors.getFieldErrors()) {
			invalid.add(new InvalidField(error.getField(),
					error.isBindingFailure() ? "has an invalid value" : message(error)));
		}
		errors.getGlobalErrors()
			.forEach((error) -> invalid.add(new InvalidField(error.getObjectName(), message(error))));
		return invalid;
	}

	/** The name the client used: a header's or query parameter's, not the Java one. */
	private static String nameOf(MethodParameter parameter) {
		RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
		if (header != null) {
			return firstNonEmpty(header.name(), header.value(), parameter.getParameterName());
		}
		RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
		if (param != null) {
			return firstNonEmpty(param.name(), param.value(), parameter.getParameterName());
		}
		return firstNonEmpty(parameter.getParameterName());
	}

	private static String firstNonEmpty(@Nullable String... candidates) {
		return Arrays.stream(candidates).filter((c) -> c != null && !c.isEmpty()).findFirst().orElse(UNNAMED);
	}

	private static String message(MessageSourceResolvable error) {
		return (error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid";
	}

	private static @Nullable String jsonPathOf(Throwable failure) {
		for (Throwable t = failure; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
			if (t instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
				// written as bean validation writes it: items[0].sku
				String path = jackson.getPath()
					.stream()
					.map((reference) -> (reference.getPropertyName() != null) ? "." + reference.getPropertyName()
							: "[" + reference.getIndex() + "]")
					.collect(Collectors.joining());
				return path.startsWith(".") ? path.substring(1) : path;
			}
		}
		return null;
	}

}
