package com.example.orderflow.messaging;

/**
 * A record that can never become a message: no type, an unknown type, or invalid JSON.
 */
public class UndecodableMessageException extends RuntimeException {

	UndecodableMessageException(String reason, Throwable cause) {
		super(reason, cause);
	}

}
