package com.example.orderflow.auth.user;

import java.nio.charset.StandardCharsets;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators create and update users: the tools and tests create customers with random
 * passwords and sign in as them. 201 when the user is new, 204 when it was replaced.
 */
@RestController
@RequestMapping("/users")
class UserController {

	/** The customer ids of order-service and payment-service. */
	static final String USERNAME_PATTERN = "[A-Za-z0-9._-]{1,64}";

	// bcrypt reads no further; a longer password would be silently cut short
	private static final int MAX_PASSWORD_BYTES = 72;

	private final UserAccounts users;

	UserController(UserAccounts users) {
		this.users = users;
	}

	@PutMapping("/{username}")
	ResponseEntity<Void> put(
			@PathVariable @Pattern(regexp = USERNAME_PATTERN,
					message = "must be 1 to 64 letters, digits, '.', '_' or '-'") String username,
			@Valid @RequestBody PutUserRequest request) {
		if (request.password().getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
			throw new InvalidPasswordException("must be at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8");
		}
		boolean created = this.users.put(username, request.password(), request.role());
		return created ? ResponseEntity.status(201).build() : ResponseEntity.noContent().build();
	}

}
