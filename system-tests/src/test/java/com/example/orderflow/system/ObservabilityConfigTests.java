package com.example.orderflow.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus configuration and alert rules in observability/, checked by Prometheus's
 * own promtool ({@code ./stack test} installs Debian's prometheus package where it is
 * missing): the configuration and the rules are valid, and the rules' unit tests pass, so
 * an alert fires on the series it is meant for and stays quiet on the others.
 */
class ObservabilityConfigTests {

	private static final Path PROMETHEUS = Path.of(System.getProperty("orderflow.root", ".."))
		.resolve("observability/prometheus")
		.toAbsolutePath()
		.normalize();

	private static final Path WORK = PROMETHEUS.resolve("../../system-tests/target/observability").normalize();

	/**
	 * No collector binary runs here, so its configuration is checked for what breaks a
	 * collector at start: a pipeline naming a component that is not configured.
	 */
	@Test
	@SuppressWarnings("unchecked")
	void theCollectorPipelineUsesOnlyConfiguredComponentsAndReceivesOtlpOverHttp() throws IOException {
		Map<String, Object> collector = new Yaml()
			.load(Files.readString(PROMETHEUS.resolve("../otel/collector.yaml").normalize()));
		Map<String, Object> service = (Map<String, Object>) collector.get("service");
		Map<String, Map<String, List<String>>> pipelines = (Map<String, Map<String, List<String>>>) service
			.get("pipelines");
		assertThat(pipelines).containsKey("traces");
		for (Map<String, List<String>> pipeline : pipelines.values()) {
			for (String kind : List.of("receivers", "processors", "exporters")) {
				assertThat(pipeline.getOrDefault(kind, List.of())).as(kind)
					.allSatisfy((name) -> assertThat((Map<String, Object>) collector.get(kind)).containsKey(name));
			}
		}
		assertThat((List<String>) service.get("extensions"))
			.allSatisfy((name) -> assertThat((Map<String, Object>) collector.get("extensions")).containsKey(name));
		Map<String, Object> otlp = (Map<String, Object>) ((Map<String, Object>) collector.get("receivers")).get("otlp");
		assertThat(((Map<String, Map<String, Object>>) otlp.get("protocols")).get("http")).containsEntry("endpoint",
				"0.0.0.0:4318");
	}

	@Test
	void thePrometheusConfigurationsAreValid() {
		// ./stack's, and docker compose's with the services' container names
		assertThat(promtool(PROMETHEUS, "check", "config", "prometheus.yml")).contains("SUCCESS");
		assertThat(promtool(PROMETHEUS, "check", "config", "prometheus.compose.yml")).contains("SUCCESS");
	}

	@Test
	void theAlertRulesAreValid() {
		List<String> command = new ArrayList<>(List.of("check", "rules"));
		command.addAll(files("rules"));
		assertThat(promtool(PROMETHEUS, command.toArray(String[]::new))).contains("SUCCESS").doesNotContain("FAILED");
	}

	@Test
	void theAlertRulesPassTheirUnitTests() {
		for (String test : files("tests")) {
			assertThat(promtool(PROMETHEUS.resolve("tests"), "test", "rules", Path.of(test).getFileName().toString()))
				.as(test)
				.contains("SUCCESS");
		}
	}

	@Test
	void thePanelsQueriesAreValidPromql() throws IOException {
		StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard-panels\n    rules:\n");
		List<String> expressions = QueriedMetrics.panelExpressions();
		assertThat(expressions).isNotEmpty();
		for (int i = 0; i < expressions.size(); i++) {
			rules.append("      - record: dashboard_panel_")
				.append(i)
				.append("\n        expr: '")
				.append(expressions.get(i).replace("'", "''"))
				.append("'\n");
		}
		Path work = Files.createDirectories(WORK.resolve("promql"));
		Files.writeString(work.resolve("panels.yml"), rules);
		assertThat(promtool(work, "check", "rules", "panels.yml"))
			.contains("SUCCESS: " + expressions.size() + " rules");
	}

	@Test
	void theDashboardsTypeCheckAsGrafanaDashboards() throws IOException {
		Path work = Files.createDirectories(WORK.resolve("grafana-check"));
		Path check = PROMETHEUS.resolveSibling("grafana/check");
		for (String file : List.of("package.json", "package-lock.json")) {
			Files.copy(check.resolve(file), work.resolve(file), StandardCopyOption.REPLACE_EXISTING);
		}
		Files.writeString(work.resolve("tsconfig.json"),
				"""
						{ "compilerOptions": { "strict": true, "noEmit": true, "module": "esnext", "moduleResolution": "bundler",
						  "target": "es2022", "skipLibCheck": true }, "include": ["*.ts"] }
						""");
		try (Stream<Path> dashboards = Files.list(QueriedMetrics.DASHBOARDS)) {
			for (Path dashboard : dashboards.filter((path) -> path.toString().endsWith(".json")).toList()) {
				String name = dashboard.getFileName().toString().replace(".json", ".ts");
				Files.writeString(work.resolve(name), "import type { Dashboard } from '@grafana/schema';\n\n"
						+ "export const dashboard: Dashboard = " + Files.readString(dashboard) + ";\n");
			}
		}
		CommandLine.run(work, "npm", "ci", "--no-audit", "--no-fund");
		CommandLine.run(work, "node_modules/.bin/tsc", "-p", ".");
	}

	private static List<String> files(String folder) {
		try (Stream<Path> paths = Files.list(PROMETHEUS.resolve(folder))) {
			List<String> files = paths.filter((path) -> path.toString().endsWith(".yml"))
				.map((path) -> PROMETHEUS.relativize(path).toString())
				.sorted()
				.toList();
			assertThat(files).as("files in %s", folder).isNotEmpty();
			return files;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String promtool(Path directory, String... arguments) {
		List<String> command = new ArrayList<>(List.of("promtool"));
		command.addAll(List.of(arguments));
		return CommandLine.run(directory, command.toArray(String[]::new));
	}

}
