package com.example.orderflow.auth.user;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code PUT /users/{username}}. Validated by Bean Validation, so an operator
 * hears about every invalid field at once.
 *
 * @param password at least 12 characters; at most 72 bytes in UTF-8, all bcrypt reads
 * @param role {@code customer} or {@code operator}
 */
record PutUserRequest(@NotNull @Size(min = 12, max = 72, message = "must be 12 to 72 characters") String password,
		@NotNull @Pattern(regexp = "customer|operator", message = "must be customer or operator") String role) {

	@Override
	public String toString() {
		return "PutUserRequest[role=" + this.role + "]";
	}

}
