package com.example.orderflow.webproblems;

/**
 * The text a service takes from a client, in a body, a query parameter or a header: no
 * control characters (tab, line feed and carriage return aside) and no unpaired
 * surrogates. PostgreSQL refuses NUL in text, which would be a 500 if nothing checked
 * first, and an unpaired surrogate cannot be encoded as UTF-8, so it would be stored as
 * '?': a silently changed value.
 */
public final class PlainText {

	/** What a client is told when a value breaks the rule. */
	public static final String RULE = "must not contain control characters or unpaired surrogates";

	private PlainText() {
	}

	public static boolean isPlain(CharSequence text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
				return false;
			}
			if (Character.isHighSurrogate(c)) {
				if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
					return false;
				}
				i++;
			}
			else if (Character.isLowSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

}
