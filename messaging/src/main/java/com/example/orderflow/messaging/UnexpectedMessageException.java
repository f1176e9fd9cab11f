package com.example.orderflow.messaging;

import com.example.orderflow.contracts.MessageTypes;
import com.example.orderflow.contracts.SagaMessage;

/** A well-formed message on a topic whose consumer has no use for its type. */
public class UnexpectedMessageException extends RuntimeException {

	public UnexpectedMessageException(SagaMessage message) {
		super("no handler for " + MessageTypes.nameOf(message));
	}

}
