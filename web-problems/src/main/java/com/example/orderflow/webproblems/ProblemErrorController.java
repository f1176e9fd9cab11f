package com.example.orderflow.webproblems;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The container's error forward answered as a problem: a filter that refuses a request
 * with {@code sendError} (Spring Security's firewall refusing {@code /users/..}, say) or
 * throws reaches Boot's error controller, whose JSON ({@code timestamp}, {@code error},
 * {@code path}) is not RFC 9457. Only that JSON answer is replaced; a browser asking for
 * HTML still gets Boot's error page. Nothing from the request or the exception is echoed:
 * the path may be what was refused, and an exception's message is not for clients.
 */
class ProblemErrorController extends BasicErrorController {

	ProblemErrorController(ErrorAttributes errorAttributes, ErrorProperties errorProperties,
			List<ErrorViewResolver> errorViewResolvers) {
		super(errorAttributes, errorProperties, errorViewResolvers);
	}

	@Override
	public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
		HttpStatus status = getStatus(request);
		if (status == HttpStatus.NO_CONTENT) {
			return new ResponseEntity<>(status);
		}
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		problem.put("detail", detail(status));
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	static String detail(HttpStatus status) {
		return switch (status) {
			case BAD_REQUEST -> "The request was refused: its URL or a header is not well-formed or not allowed.";
			case NOT_FOUND -> "No such resource.";
			default ->
				status.is4xxClientError() ? "The request was refused." : "The service could not answer the request.";
		};
	}

}
