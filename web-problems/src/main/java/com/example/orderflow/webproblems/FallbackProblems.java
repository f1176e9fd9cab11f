package com.example.orderflow.webproblems;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The database out of reach for a moment is a 503; what no handler expects is a 500 that
 * tells the client nothing of the internals.
 * <p>
 * Spring MVC asks the advice beans in order and takes the first that has a handler for
 * the exception or one of its causes. Last in that order, this one sees only what the
 * service's own advice (ordered before it), Spring MVC's own exceptions and every
 * {@code ErrorResponseException} leave unhandled.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class FallbackProblems {

	private static final Logger log = LoggerFactory.getLogger(FallbackProblems.class);

	// long enough for a pool to reconnect after a database restart, short enough for a
	// client to keep waiting
	private static final String RETRY_AFTER_SECONDS = "2";

	/**
	 * The database restarting, failing over or out of connections: a retry shortly after
	 * will probably succeed. One line per request, since during an outage every request
	 * fails the same way.
	 */
	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessException.class,
			CannotCreateTransactionException.class })
	ResponseEntity<ProblemDetail> unavailable(Exception ex, HttpServletRequest request) {
		if (ex instanceof CannotCreateTransactionException && !isOutage(ex.getCause())) {
			return unexpected(ex, request);
		}
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		log.warn("Answered {} {} with 503, the database is temporarily unavailable: {}", request.getMethod(),
				request.getRequestURI(), (cause != ex) ? ex.getMessage() + " (" + cause + ")" : ex.getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The request cannot be handled right now; try again shortly.");
		problem.setTitle("Temporarily unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
			.body(problem);
	}

	/**
	 * Whatever no other handler expects, a bug most likely: the trace goes to the log,
	 * nothing of it to the client. Except what already says what the client got wrong:
	 * Spring MVC's own exceptions (no such path 404, method 405, media type 406 and 415)
	 * and any other {@link ErrorResponse}, which reach this handler when the service's
	 * advice does not cover the path (or it has none), keep their status, headers
	 * ({@code Allow}) and problem, with one quiet log line.
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> unexpected(Exception ex, HttpServletRequest request) {
		if (ex instanceof ErrorResponse known) {
			log.debug("Answered {} {} with {}: {}", request.getMethod(), request.getRequestURI(),
					known.getStatusCode().value(), ex.getMessage());
			return ResponseEntity.status(known.getStatusCode()).headers(known.getHeaders()).body(known.getBody());
		}
		log.error("Failed to handle {} {}", request.getMethod(), request.getRequestURI(), ex);
		return ResponseEntity.internalServerError()
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
					"The request could not be handled."));
	}

	/**
	 * Whether a transaction could not start for want of a connection (the pool timed out,
	 * the server refused) rather than for a bug. SQL state class 08 is the standard's
	 * connection exception.
	 */
	static boolean isOutage(@Nullable Throwable cause) {
		for (Throwable t = cause; t != null; t = t.getCause()) {
			if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
					|| t instanceof SQLTransientConnectionException || (t instanceof SQLException sql
							&& sql.getSQLState() != null && sql.getSQLState().startsWith("08"))) {
				return true;
			}
		}
		return false;
	}

}
