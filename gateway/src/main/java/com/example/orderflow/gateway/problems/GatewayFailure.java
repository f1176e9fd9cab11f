package com.example.orderflow.gateway.problems;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponse;

/**
 * What the caller is told about an exception: a status and a detail that never leaks
 * exception messages of unexpected failures.
 *
 * @param status the response status
 * @param detail the problem's detail
 * @param headers headers the status needs (e.g. {@code Allow} for a 405)
 */
record GatewayFailure(HttpStatusCode status, String detail, HttpHeaders headers) {

	static GatewayFailure of(Throwable ex, @Nullable String routeId) {
		String service = (routeId != null) ? "The " + routeId + " service" : "The service";
		if (ex instanceof GatewayRefusal refusal) {
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(refusal.retryAfterSeconds()));
			return new GatewayFailure(refusal.status(), refusal.getMessage(), headers);
		}
		if (ex instanceof ErrorResponse response) {
			return fromErrorResponse(response, service);
		}
		if (causedBy(ex, ConnectTimeoutException.class)) {
			return of(HttpStatus.GATEWAY_TIMEOUT, service + " did not accept a connection in time.");
		}
		if (causedBy(ex, TimeoutException.class) || causedBy(ex, ReadTimeoutException.class)) {
			return of(HttpStatus.GATEWAY_TIMEOUT, service + " did not answer in time.");
		}
		if (causedBy(ex, ConnectException.class)) {
			return of(HttpStatus.SERVICE_UNAVAILABLE, service + " is unavailable.");
		}
		if (causedBy(ex, IOException.class)) {
			return of(HttpStatus.BAD_GATEWAY, service + " could not be reached or gave no valid answer.");
		}
		if (causedBy(ex, DataBufferLimitException.class)) {
			return of(HttpStatus.CONTENT_TOO_LARGE, "The request body is too large.");
		}
		return of(HttpStatus.INTERNAL_SERVER_ERROR, "The gateway failed to handle the request.");
	}

	private static GatewayFailure fromErrorResponse(ErrorResponse response, String service) {
		HttpStatusCode status = response.getStatusCode();
		if (status.value() == HttpStatus.NOT_FOUND.value()) {
			// one wording for unknown routes, missing resources and refused paths alike
			return new GatewayFailure(status, "Nothing is served at this path.", response.getHeaders());
		}
		if (status.value() == HttpStatus.GATEWAY_TIMEOUT.value()) {
			return new GatewayFailure(status, service + " did not answer in time.", response.getHeaders());
		}
		String detail = response.getBody().getDetail();
		if (detail == null || status.is5xxServerError()) {
			HttpStatus known = HttpStatus.resolve(status.value());
			detail = (known != null) ? known.getReasonPhrase() + "." : "Request failed.";
		}
		return new GatewayFailure(status, detail, response.getHeaders());
	}

	private static GatewayFailure of(HttpStatus status, String detail) {
		return new GatewayFailure(status, detail, HttpHeaders.EMPTY);
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		Throwable current = ex;
		// bounded: a cause chain may loop
		for (int depth = 0; current != null && depth < 16; depth++) {
			if (type.isInstance(current)) {
				return true;
			}
			current = current.getCause();
		}
		return false;
	}

}
