package com.example.orderflow.loadtest.chaos.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * One invariant after a drill: whether it held, the figure that says so, and the first
 * violations when it did not.
 */
public record Check(String name, boolean passed, String figure, List<String> details) {

	/** Enough to find the cause; a thousand lines of the same fault help nobody. */
	static final int MAX_DETAILS = 20;

	public Check {
		if (details.size() > MAX_DETAILS) {
			List<String> first = new ArrayList<>(details.subList(0, MAX_DETAILS));
			first.add("... and " + (details.size() - MAX_DETAILS) + " more");
			details = first;
		}
		details = List.copyOf(details);
	}

	public static Check of(String name, boolean passed, String figure) {
		return new Check(name, passed, figure, List.of());
	}

	public String result() {
		return this.passed ? "PASS" : "FAIL";
	}

}
