package com.example.orderflow.messaging;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Who the work a message belongs to was done for: the token's principal that placed the
 * order (the customer, or the operator or tool acting for them), or the operator who
 * retried a step. It travels in the Kafka header {@value #HEADER}, as the trace does in
 * {@code traceparent}: a handler that {@link TransactionalConsumer} runs for a record
 * with the header acts as that principal, and every message it adds to the {@link Outbox}
 * carries the same header, so commands and their replies carry it without the services
 * doing anything. Where work starts outside a handler (an HTTP request, a scheduled
 * step), the code that starts it says who it is for with {@link #runAs}.
 *
 * <p>
 * A record without the header (from a producer older than the header) is handled with no
 * principal: {@link #current()} is null and what it sends carries no header. The header
 * is an audit trail inside the system, not a credential: Kafka's own access control
 * decides who may write to the topics, and nothing is authorised by it.
 */
public final class MessagePrincipal {

	/** The Kafka header, and the key in an outbox row's headers. */
	public static final String HEADER = "principal";

	private static final ThreadLocal<@Nullable String> current = new ThreadLocal<>();

	private MessagePrincipal() {
	}

	/**
	 * @return who the current work is done for, or null when nobody said (a message
	 * without the header, work started outside {@link #runAs})
	 */
	public static @Nullable String current() {
		return current.get();
	}

	/**
	 * Runs the work for {@code principal}: what it adds to the outbox carries the header.
	 * Null runs it for nobody, also inside work done for someone.
	 */
	public static <T> T callAs(@Nullable String principal, Supplier<T> work) {
		String outer = current.get();
		set(principal);
		try {
			return work.get();
		}
		finally {
			set(outer);
		}
	}

	public static void runAs(@Nullable String principal, Runnable work) {
		callAs(principal, () -> {
			work.run();
			return null;
		});
	}

	private static void set(@Nullable String principal) {
		if (principal == null || principal.isBlank()) {
			current.remove();
		}
		else {
			current.set(principal);
		}
	}

}
