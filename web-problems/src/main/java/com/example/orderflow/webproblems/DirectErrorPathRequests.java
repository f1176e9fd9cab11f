package com.example.orderflow.webproblems;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /error} is where the container forwards a failed request to be answered; asked
 * for directly it has no failure to describe, and Boot's error controller answers that
 * with a 500 ("status 999"). A client asking for it gets the 404 problem of any other
 * path that is not there. Only direct requests reach this filter, never the container's
 * error forwards.
 */
class DirectErrorPathRequests extends OncePerRequestFilter {

	private final String errorPath;

	private final JsonMapper json;

	DirectErrorPathRequests(String errorPath, JsonMapper json) {
		this.errorPath = errorPath;
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.errorPath.equals(request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such resource.");
		ProblemResponses.write(response, this.json, problem);
	}

}
