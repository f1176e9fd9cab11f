package com.example.orderflow.webproblems.test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a hostile client puts in a request, from jqwik's generators, for the services'
 * generated tests of every API: text with control characters, unpaired surrogates,
 * right-to-left marks, non-Latin letters, path-like and oversized values, and numbers
 * that are fractions, negative, beyond every type, strings or null. Sampled rather than
 * run as properties, because the tests that use them need their service's Spring context.
 */
public final class HostileValues {

	private static final JsonMapper ASCII_JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

	private HostileValues() {
	}

	/** Text of any kind, including {@code plausible} values a real client would send. */
	public static Iterator<String> texts(String... plausible) {
		return Arbitraries
			.oneOf(Arbitraries.strings().all().ofMaxLength(30),
					Arbitraries.strings()
						.withChars('a', 'Z', '7', '-', '.', '/', ' ', '\u0000', '\u001b', '\u0085', '\u202e', '\ud800',
								'\udc00', '\u043a')
						.ofMaxLength(12),
					Arbitraries.of("../../etc/passwd", "ZZZ", "XXX", "x".repeat(70_000)),
					(plausible.length > 0) ? Arbitraries.of(plausible) : Arbitraries.just("EUR"))
			.sampleStream()
			.iterator();
	}

	/** JSON numbers and non-numbers as they would appear in a body, unquoted. */
	public static Iterator<String> numbers() {
		Arbitrary<String> integers = Arbitraries.longs().map(String::valueOf);
		return Arbitraries
			.oneOf(integers,
					Arbitraries.of("1.5", "1.99", "-1", "0", "1e309", "9223372036854775808", "1000000000000000001",
							"\"3\"", "null", "true"))
			.sampleStream()
			.iterator();
	}

	/**
	 * What every answer to hostile input must be: never a 5xx, and a refusal is a
	 * problem.
	 * @param request what was sent, for the failure message
	 * @return whether the request was refused (a 4xx): then the caller checks that
	 * nothing changed
	 */
	public static boolean refusedAsAProblem(int status, @Nullable String contentType, String request) {
		assertThat(status).as(request).isLessThan(500);
		if (status < 400) {
			return false;
		}
		assertThat(contentType).as(request).startsWith("application/problem+json");
		return true;
	}

	/**
	 * A JSON string as a client would write it: anything outside printable ASCII escaped.
	 */
	public static String json(String text) {
		return ASCII_JSON.writeValueAsString(text);
	}

	/**
	 * Text as a path segment: every character but letters and digits percent-encoded as
	 * UTF-8 (an unpaired surrogate, which UTF-8 cannot hold, as {@code ?}), so that every
	 * value reaches the service rather than being refused by the HTTP client.
	 */
	public static String pathSegment(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/** Text as a query parameter's value, encoded as {@link #pathSegment} is. */
	public static String queryParam(String text) {
		return pathSegment(text);
	}

}
