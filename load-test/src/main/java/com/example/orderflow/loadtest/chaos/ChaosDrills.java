package com.example.orderflow.loadtest.chaos;

import com.example.orderflow.loadtest.chaos.fault.Drill;

/**
 * The entry point of {@code ./stack chaos}. A main class of its own in the load-test jar,
 * started with Spring Boot's PropertiesLauncher ({@code -Dloader.main}), so the
 * benchmark's command line stays as it is.
 *
 * <p>
 * Exit status: 0 every invariant held, 1 one did not, 2 the command line was wrong, 3 the
 * drill could not run (the stack is not up, a fault could not be injected).
 */
public final class ChaosDrills {

	private ChaosDrills() {
	}

	public static void main(String[] args) {
		System.exit(run(args));
	}

	static int run(String[] args) {
		ChaosSettings settings;
		try {
			settings = ChaosSettings.parse(args);
		}
		catch (IllegalArgumentException ex) {
			DrillRun.print("%s%n%n%s", ex.getMessage(), ChaosSettings.USAGE);
			return 2;
		}
		if (settings.drill() == null) {
			list();
			return 0;
		}
		try {
			return new DrillRun(settings).run();
		}
		catch (Exception ex) {
			DrillRun.print("The drill could not run: %s%n", ex);
			return 3;
		}
	}

	private static void list() {
		DrillRun.print("Drills (./stack chaos NAME [OPTIONS]), each under a steady load of orders:%n");
		for (Drill drill : Drill.values()) {
			DrillRun.print("  %-18s %s; %d s by default%n", drill.label(), drill.description(),
					drill.defaultLength().toSeconds());
		}
		DrillRun.print("%n%s", ChaosSettings.USAGE);
	}

}
