package com.example.orderflow.order.catalog;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import com.example.orderflow.contracts.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * One resource of another service that order-service asks for the currency of a thing by
 * its id: {@code GET <path>/{id}}. A thing found is remembered for a while, so a burst of
 * orders for the same products does not multiply calls; a thing not found is not, so it
 * may be created and ordered right away.
 */
final class Downstream {

	private static final Logger logger = LoggerFactory.getLogger(Downstream.class);

	// When a service is down every order fails to check; one warning in a while says as
	// much as a thousand.
	private static final long WARN_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

	private final String service;

	private final String what;

	private final String uriTemplate;

	private final RestClient client;

	private final ExpiringCache found;

	private final AtomicLong nextWarningAt = new AtomicLong(System.nanoTime());

	/**
	 * @param service the other service, for the log
	 * @param what the thing asked for, for the log
	 * @param uriTemplate relative to the client's base URL, with one variable: the id
	 */
	Downstream(String service, String what, String uriTemplate, RestClient client, ExpiringCache found) {
		this.service = service;
		this.what = what;
		this.uriTemplate = uriTemplate;
		this.client = client;
		this.found = found;
	}

	/** What was found for this id a short while ago, without asking anyone. */
	Optional<Lookup> remembered(String id) {
		return Optional.ofNullable(this.found.get(id)).map(Lookup.Found::new);
	}

	Lookup lookUp(String id) {
		Optional<Lookup> remembered = remembered(id);
		if (remembered.isPresent()) {
			return remembered.get();
		}
		try {
			Currency answer = this.client.get()
				.uri(this.uriTemplate, id)
				.accept(MediaType.APPLICATION_JSON)
				.retrieve()
				.body(Currency.class);
			if (answer == null || !Money.isCurrencyCode(answer.currency())) {
				return unavailable(id, "answered without a currency");
			}
			this.found.put(id, answer.currency());
			return new Lookup.Found(answer.currency());
		}
		catch (HttpClientErrorException.NotFound | HttpClientErrorException.BadRequest ex) {
			// a 400 says the id is not one the owner could ever have: the client's
			// mistake,
			// not an outage to accept the order through
			return new Lookup.NotFound();
		}
		catch (RuntimeException ex) {
			// Not only RestClientException: whatever goes wrong while checking must not
			// be what stops an order.
			return unavailable(id, describe(ex));
		}
	}

	private Lookup unavailable(String id, String reason) {
		long now = System.nanoTime();
		long next = this.nextWarningAt.get();
		if (now - next >= 0 && this.nextWarningAt.compareAndSet(next, now + WARN_EVERY_NANOS)) {
			logger.warn("Accepting orders without checking their {} against {} (further failures for 10s at debug):"
					+ " {} {}: {}", this.what, this.service, this.what, id, reason);
		}
		else {
			logger.debug("Not checked {} {} against {}: {}", this.what, id, this.service, reason);
		}
		return new Lookup.Unavailable(reason);
	}

	/** With the immediate cause, which says what happened (a refused connection, say). */
	private static String describe(RuntimeException ex) {
		return (ex.getCause() != null) ? ex.getMessage() + " (" + ex.getCause() + ")" : ex.toString();
	}

	/** The one field we need of a product or an account; the rest is ignored. */
	record Currency(String currency) {

	}

}
