package com.example.orderflow.auth.keys;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a missing key into Boot's short "APPLICATION FAILED TO START" report, with the
 * command that creates one, instead of a stack trace through bean creation.
 */
class NoSigningKeyFailureAnalyzer extends AbstractFailureAnalyzer<NoSigningKeyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, NoSigningKeyException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Create a key with: " + KeysProperties.HOW_TO_CREATE
						+ " (never commit it: ./stack creates one under .stack/auth/keys, compose reads it from"
						+ " an env file, Kubernetes from a Secret).",
				cause);
	}

}
