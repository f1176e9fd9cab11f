package com.example.orderflow.gateway.pathguard;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.web.util.UriUtils;

/**
 * Judges a raw request path the way the least forgiving service behind the gateway might
 * read it. Route predicates match the path as given, but a service normalises
 * {@code /orders/../actuator} (also spelled {@code %2e%2e}, {@code ..;}, {@code %252e},
 * {@code ..%2f} ...) into {@code /actuator}. No public endpoint needs dot segments, so
 * any such path is refused instead of guessing which normalisation a service applies.
 */
final class RequestPathInspector {

	enum Verdict {

		PASS, REFUSE, MALFORMED

	}

	// enough to undo double and triple encoding; a path still encoded after that is odd
	// but can no longer hide a dot segment from a server that decodes once
	private static final int MAX_DECODING_ROUNDS = 3;

	private RequestPathInspector() {
	}

	static Verdict inspect(String rawPath) {
		List<String> segments = new ArrayList<>();
		for (String rawSegment : rawPath.split("/", -1)) {
			String decoded;
			try {
				decoded = decodeFully(withoutParameters(rawSegment));
			}
			catch (IllegalArgumentException ex) {
				return Verdict.MALFORMED;
			}
			// decoding may reveal separators (%2f, %5c) that a server splits on
			for (String part : decoded.split("[/\\\\]", -1)) {
				String segment = withoutParameters(part);
				if (segment.equals(".") || segment.equals("..")) {
					return Verdict.REFUSE;
				}
				if (!segment.isEmpty()) {
					segments.add(segment.toLowerCase(Locale.ROOT));
				}
			}
		}
		// routes strip the first segment (/api), so a second segment of "actuator" would
		// be forwarded as /actuator/...
		if (segments.size() >= 2 && segments.get(1).equals("actuator")) {
			return Verdict.REFUSE;
		}
		return Verdict.PASS;
	}

	// servlet containers drop ";params" before normalising, which turns "..;" into ".."
	private static String withoutParameters(String segment) {
		int semicolon = segment.indexOf(';');
		return (semicolon >= 0) ? segment.substring(0, semicolon) : segment;
	}

	private static String decodeFully(String segment) {
		String current = segment;
		for (int round = 0; round < MAX_DECODING_ROUNDS && current.indexOf('%') >= 0; round++) {
			current = UriUtils.decode(current, StandardCharsets.UTF_8);
		}
		return current;
	}

}
