package com.example.orderflow.servicesecurity;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.RestClient;

@SpringBootApplication
class SecuredTestApplication {

	record Account(String customerId, String caller) {
	}

	@RestController
	static class AccountController {

		@GetMapping("/accounts/{customerId}")
		Account account(@PathVariable String customerId, Caller caller) {
			if (!caller.mayActFor(customerId)) {
				throw new IllegalArgumentException("not yours");
			}
			return new Account(customerId, caller.name());
		}

		/** Asks this same service for the account, relaying the caller's token. */
		@GetMapping("/relayed/accounts/{customerId}")
		String relayed(@PathVariable String customerId, @Value("${local.server.port}") int port) {
			return RestClient.builder()
				.baseUrl("http://127.0.0.1:" + port)
				.requestInterceptor(new BearerTokenRelay())
				.build()
				.get()
				.uri("/accounts/{id}", customerId)
				.retrieve()
				.body(String.class);
		}

		@GetMapping("/v3/api-docs")
		String apiDocs() {
			return "{}";
		}

		@PreAuthorize(Roles.OPERATOR_ONLY)
		@PostMapping("/accounts/{customerId}/freeze")
		Account freeze(@PathVariable String customerId, Caller caller) {
			return new Account(customerId, caller.name());
		}

	}

	/**
	 * Like a service's own catch-all: must not turn a method security refusal into a 500.
	 */
	@RestControllerAdvice
	static class CatchAll {

		@ExceptionHandler(Exception.class)
		@ResponseStatus(HttpStatus.INTERNAL_SERVER_ERROR)
		String unexpected() {
			return "unexpected";
		}

		@ExceptionHandler(IllegalArgumentException.class)
		@ResponseStatus(HttpStatus.NOT_FOUND)
		String notFound() {
			return "no such account";
		}

	}

}
