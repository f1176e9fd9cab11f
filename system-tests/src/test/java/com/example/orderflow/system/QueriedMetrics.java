package com.example.orderflow.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The PromQL of the alert rules and of the Grafana dashboards in observability/, and the
 * metric names it queries, so tests can check the queries and that the running services
 * expose every one of those metrics: a renamed metric must fail a test, not silence an
 * alert or blank a panel.
 */
final class QueriedMetrics {

	private static final Path OBSERVABILITY = Path.of(System.getProperty("orderflow.root", ".."))
		.resolve("observability")
		.toAbsolutePath()
		.normalize();

	static final Path RULES = OBSERVABILITY.resolve("prometheus/rules");

	static final Path DASHBOARDS = OBSERVABILITY.resolve("grafana/dashboards");

	private static final Pattern RULE_EXPRESSION = Pattern
		.compile("expr: (?:\\|\\n)?((?:.+\\n?)+?)(?=\\s+(?:for|labels):)");

	private static final Pattern PANEL_EXPRESSION = Pattern.compile("\"expr\": \"((?:[^\"\\\\]|\\\\.)*)\"");

	/** Label matchers, ranges, strings and grouping clauses: no metric names in there. */
	private static final Pattern NOT_NAMES = Pattern
		.compile("\\{[^}]*}|\\[[^]]*]|\"[^\"]*\"|\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

	/** PromQL's words, and metrics Prometheus makes itself. */
	private static final Set<String> NOT_EXPOSED = Set.of("sum", "rate", "increase", "max", "min", "avg", "count",
			"and", "or", "unless", "bool", "offset", "histogram_quantile", "up");

	private QueriedMetrics() {
	}

	/** Every metric name a rule or a panel queries. */
	static Set<String> names() {
		Set<String> names = new TreeSet<>();
		ruleExpressions().forEach((expression) -> names.addAll(metricsIn(expression)));
		panelExpressions().forEach((expression) -> names.addAll(metricsIn(expression)));
		return names;
	}

	static List<String> ruleExpressions() {
		return expressions(RULES, ".yml", RULE_EXPRESSION);
	}

	static List<String> panelExpressions() {
		return expressions(DASHBOARDS, ".json", PANEL_EXPRESSION).stream()
			.map((expression) -> expression.replace("\\\"", "\""))
			.toList();
	}

	private static List<String> expressions(Path folder, String suffix, Pattern pattern) {
		List<String> expressions = new ArrayList<>();
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(suffix)).sorted().toList()) {
				Matcher matcher = pattern.matcher(Files.readString(file));
				while (matcher.find()) {
					expressions.add(matcher.group(1));
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return expressions;
	}

	private static Set<String> metricsIn(String expression) {
		Set<String> names = new TreeSet<>();
		Matcher identifiers = IDENTIFIER.matcher(NOT_NAMES.matcher(expression).replaceAll(" "));
		while (identifiers.find()) {
			if (!NOT_EXPOSED.contains(identifiers.group())) {
				names.add(identifiers.group());
			}
		}
		return names;
	}

}
