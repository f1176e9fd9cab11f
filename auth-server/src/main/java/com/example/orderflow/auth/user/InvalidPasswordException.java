package com.example.orderflow.auth.user;

/**
 * A password Bean Validation cannot judge: too long in bytes rather than characters.
 */
class InvalidPasswordException extends RuntimeException {

	InvalidPasswordException(String reason) {
		super(reason);
	}

}
