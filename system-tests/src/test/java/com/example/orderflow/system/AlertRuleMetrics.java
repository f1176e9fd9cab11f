package com.example.orderflow.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The metric names the alert rules in observability/ query, so a test can check that the
 * running services expose every one of them: a renamed metric must fail a test, not
 * silence an alert.
 */
final class AlertRuleMetrics {

	private static final Path RULES = Path.of(System.getProperty("orderflow.root", ".."))
		.resolve("observability/prometheus/rules");

	private static final Pattern EXPRESSION = Pattern.compile("expr: (?:\\|\\n)?((?:.+\\n?)+?)(?=\\s+(?:for|labels):)");

	/** Label matchers, ranges, strings and grouping clauses: no metric names in there. */
	private static final Pattern NOT_NAMES = Pattern
		.compile("\\{[^}]*}|\\[[^]]*]|\"[^\"]*\"|\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

	/** PromQL's words, and metrics Prometheus makes itself. */
	private static final Set<String> NOT_EXPOSED = Set.of("sum", "rate", "increase", "max", "min", "avg", "count",
			"and", "or", "unless", "bool", "offset", "histogram_quantile", "up");

	private AlertRuleMetrics() {
	}

	static Set<String> names() {
		Set<String> names = new TreeSet<>();
		try (Stream<Path> files = Files.list(RULES)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".yml")).toList()) {
				Matcher expressions = EXPRESSION.matcher(Files.readString(file));
				while (expressions.find()) {
					String bare = NOT_NAMES.matcher(expressions.group(1)).replaceAll(" ");
					Matcher identifiers = IDENTIFIER.matcher(bare);
					while (identifiers.find()) {
						String word = identifiers.group();
						if (!NOT_EXPOSED.contains(word)) {
							names.add(word);
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return names;
	}

}
