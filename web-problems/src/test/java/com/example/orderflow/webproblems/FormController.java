package com.example.orderflow.webproblems;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A service's controller with every kind of input a client can get wrong: a validated
 * body, constrained and typed query parameters, a required header.
 */
@RestController
class FormController {

	@PostMapping(path = "/forms", consumes = MediaType.APPLICATION_JSON_VALUE)
	String submit(@Valid @RequestBody Form form) {
		return form.name();
	}

	@GetMapping("/forms")
	String list(@RequestHeader("X-Tenant") String tenant, @RequestParam Colour colour,
			@RequestParam("page-size") @Max(100) int pageSize) {
		return tenant + colour + pageSize;
	}

	enum Colour {

		RED, GREEN

	}

	record Form(@NotBlank String name, @Positive Integer size, Long price, Colour colour, List<@Valid Line> lines) {

	}

	record Line(@NotBlank String sku, Integer quantity) {

	}

}
