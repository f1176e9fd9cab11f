package com.example.orderflow.loadtest.chaos.audit;

/**
 * A GET on a service's REST API. An interface so the auditor's tests can answer with
 * fabricated bodies.
 */
@FunctionalInterface
public interface Api {

	/**
	 * @return the body of a 2xx answer, or null when the resource does not exist (404)
	 * @throws IllegalStateException on any other answer
	 */
	String get(String url);

}
