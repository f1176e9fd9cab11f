package com.example.orderflow.auth.keys;

/**
 * The server cannot sign a token: no key directory, or no usable key in it.
 */
class NoSigningKeyException extends IllegalStateException {

	NoSigningKeyException(String message) {
		super(message);
	}

}
