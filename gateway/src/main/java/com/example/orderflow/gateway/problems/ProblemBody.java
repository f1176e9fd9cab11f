package com.example.orderflow.gateway.problems;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * The members every problem the gateway writes itself begins with, in one place: the
 * error handler's and the framing guard's, which answers before any handler runs.
 */
public final class ProblemBody {

	private ProblemBody() {
	}

	/**
	 * @return {@code type}, {@code title} (the status's reason phrase), {@code status}
	 * and {@code detail}, in that order, to add more members to
	 */
	public static Map<String, Object> of(int status, String detail) {
		HttpStatus known = HttpStatus.resolve(status);
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", (known != null) ? known.getReasonPhrase() : "Error");
		problem.put("status", status);
		problem.put("detail", detail);
		return problem;
	}

}
