package com.example.orderflow.loadtest.chaos.audit;

import java.util.ArrayList;
import java.util.List;

/** The auditor's verdict: every check, passed only when all of them passed. */
public record Audit(List<Check> checks) {

	public Audit {
		checks = List.copyOf(checks);
	}

	public boolean passed() {
		return this.checks.stream().allMatch(Check::passed);
	}

	public String verdict() {
		return passed() ? "PASS" : "FAIL";
	}

	/** The same verdict with checks of the drill's own (did the fault happen) added. */
	public Audit with(List<Check> more) {
		List<Check> all = new ArrayList<>(this.checks);
		all.addAll(more);
		return new Audit(all);
	}

}
