package com.example.orderflow.system.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.gson.Gson;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Chaos Mesh's {@code chaos-mesh.org/v1alpha1} PodChaos and NetworkChaos as strict
 * models: the fields of its API types (api/v1alpha1 in the Chaos Mesh repository:
 * PodChaosSpec, NetworkChaosSpec, PodSelector, PodSelectorSpec, TcParameter) and the
 * rules of its admission webhook (enumerations, durations Go can parse, what each action
 * needs). No published validator for Chaos Mesh resolves here (no npm models, fabric8's
 * chaosmesh-model without its parent POM in the Maven mirror, no Go toolchain recent
 * enough for the Chaos Mesh API module), so this is the check: an unknown or misspelt
 * field, a wrong enumeration value or a missing required one throws
 * {@link IllegalArgumentException}, as the cluster would refuse the resource.
 */
final class ChaosMesh {

	static final String API_VERSION = "chaos-mesh.org/v1alpha1";

	/**
	 * Unknown fields fail, and so do values of the wrong JSON type: the CRDs' schemas
	 * refuse {@code true} where a string is due (a label value) and {@code "0"} where a
	 * number is.
	 */
	private static final JsonMapper strict = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.withCoercionConfig(LogicalType.Textual,
				(config) -> config.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
		.withCoercionConfig(LogicalType.Integer,
				(config) -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
		.build();

	private static final Gson gson = new Gson();

	/**
	 * A Go duration ({@code time.ParseDuration}), without sign, as the webhook reads it.
	 */
	private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

	private ChaosMesh() {
	}

	/** The resource as its kind's model; anything Chaos Mesh would refuse throws. */
	static Resource parse(Map<String, Object> object) {
		if (!API_VERSION.equals(object.get("apiVersion"))) {
			throw new IllegalArgumentException("apiVersion must be " + API_VERSION + ": " + object.get("apiVersion"));
		}
		Class<? extends Resource> type = switch (String.valueOf(object.get("kind"))) {
			case "PodChaos" -> PodChaos.class;
			case "NetworkChaos" -> NetworkChaos.class;
			default -> throw new IllegalArgumentException("not a kind these drills use: " + object.get("kind"));
		};
		try {
			return strict.convertValue(object, type);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
	}

	/** Go's duration syntax, e.g. {@code 90s}, {@code 10m}, {@code 1h30m}. */
	static Duration goDuration(String text) {
		if (text == null || text.isEmpty()) {
			throw new IllegalArgumentException("empty duration");
		}
		Matcher part = GO_DURATION_PART.matcher(text);
		BigDecimal nanos = BigDecimal.ZERO;
		int end = 0;
		while (part.find() && part.start() == end) {
			long unit = switch (part.group(2)) {
				case "ns" -> 1L;
				case "us", "µs" -> 1_000L;
				case "ms" -> 1_000_000L;
				case "s" -> 1_000_000_000L;
				case "m" -> 60_000_000_000L;
				default -> 3_600_000_000_000L;
			};
			nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(unit)));
			end = part.end();
		}
		if (end != text.length()) {
			throw new IllegalArgumentException("not a Go duration: " + text);
		}
		return Duration.ofNanos(nanos.longValueExact());
	}

	sealed interface Resource permits PodChaos, NetworkChaos {

		Map<String, Object> metadata();

		PodSelector scope();

		/** How long the resource keeps its fault on by itself, if it says. */
		String duration();

		default V1ObjectMeta objectMeta() {
			try {
				// the official model rejects unknown fields, as the API server would
				return V1ObjectMeta.fromJson(gson.toJson(metadata()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	record PodChaos(String apiVersion, String kind, Map<String, Object> metadata,
			PodChaosSpec spec) implements Resource {

		PodChaos {
			required(metadata, "metadata");
			required(spec, "spec");
		}

		@Override
		public PodSelector scope() {
			return new PodSelector(this.spec.mode, this.spec.value, this.spec.selector);
		}

		@Override
		public String duration() {
			return this.spec.duration;
		}

	}

	record PodChaosSpec(PodAction action, Mode mode, String value, PodSelectorSpec selector,
			List<String> containerNames, String duration, Long gracePeriod, String remoteCluster) {

		PodChaosSpec {
			required(action, "spec.action");
			new PodSelector(mode, value, selector);
			if (duration != null) {
				goDuration(duration);
			}
			if (action == PodAction.POD_FAILURE && duration == null) {
				throw new IllegalArgumentException("pod-failure needs spec.duration");
			}
			if (action == PodAction.CONTAINER_KILL && (containerNames == null || containerNames.isEmpty())) {
				throw new IllegalArgumentException("container-kill needs spec.containerNames");
			}
			if (gracePeriod != null && gracePeriod < 0) {
				throw new IllegalArgumentException("spec.gracePeriod must be 0 or more");
			}
		}

	}

	record NetworkChaos(String apiVersion, String kind, Map<String, Object> metadata,
			NetworkChaosSpec spec) implements Resource {

		NetworkChaos {
			required(metadata, "metadata");
			required(spec, "spec");
		}

		@Override
		public PodSelector scope() {
			return new PodSelector(this.spec.mode, this.spec.value, this.spec.selector);
		}

		@Override
		public String duration() {
			return this.spec.duration;
		}

	}

	record NetworkChaosSpec(NetworkAction action, Mode mode, String value, PodSelectorSpec selector, String duration,
			Direction direction, PodSelector target, List<String> externalTargets, String device, String targetDevice,
			Delay delay, Loss loss, Duplicate duplicate, Corrupt corrupt, Bandwidth bandwidth, Rate rate,
			String remoteCluster) {

		NetworkChaosSpec {
			required(action, "spec.action");
			new PodSelector(mode, value, selector);
			if (duration != null) {
				goDuration(duration);
			}
			boolean bothWays = direction == Direction.FROM || direction == Direction.BOTH;
			if (action != NetworkAction.PARTITION && bothWays && target == null) {
				throw new IllegalArgumentException("direction from or both needs a target");
			}
			if (action != NetworkAction.PARTITION && bothWays && externalTargets != null) {
				throw new IllegalArgumentException("external targets take direction to only");
			}
			if (action == NetworkAction.PARTITION && bothWays && target == null && externalTargets == null) {
				throw new IllegalArgumentException("a partition from or both ways needs a target");
			}
			if (action == NetworkAction.DELAY && delay == null) {
				throw new IllegalArgumentException("delay needs spec.delay");
			}
			if (action == NetworkAction.LOSS && loss == null) {
				throw new IllegalArgumentException("loss needs spec.loss");
			}
			if (action == NetworkAction.BANDWIDTH && bandwidth == null) {
				throw new IllegalArgumentException("bandwidth needs spec.bandwidth");
			}
		}

	}

	/** Which pods, and how many of them: a resource's own or a NetworkChaos target. */
	record PodSelector(Mode mode, String value, PodSelectorSpec selector) {

		PodSelector {
			required(mode, "mode");
			required(selector, "selector");
			switch (mode) {
				case FIXED -> positive(value);
				case FIXED_PERCENT, RANDOM_MAX_PERCENT -> {
					int percent = positive(value);
					if (percent > 100) {
						throw new IllegalArgumentException("a percentage is at most 100: " + value);
					}
				}
				default -> {
				}
			}
		}

		private static int positive(String value) {
			try {
				int number = Integer.parseInt(Objects.requireNonNull(value, "value"));
				if (number <= 0) {
					throw new IllegalArgumentException("value must be positive: " + value);
				}
				return number;
			}
			catch (NumberFormatException | NullPointerException ex) {
				throw new IllegalArgumentException("this mode needs a number as value: " + value, ex);
			}
		}

	}

	record PodSelectorSpec(List<String> namespaces, List<String> nodes, Map<String, List<String>> pods,
			Map<String, String> nodeSelectors, Map<String, String> fieldSelectors, Map<String, String> labelSelectors,
			List<Requirement> expressionSelectors, Map<String, String> annotationSelectors,
			List<String> podPhaseSelectors) {

		PodSelectorSpec {
			namespaces = Objects.requireNonNullElse(namespaces, List.of());
			labelSelectors = Objects.requireNonNullElse(labelSelectors, Map.of());
			expressionSelectors = Objects.requireNonNullElse(expressionSelectors, List.of());
		}

		/** Whether a pod with these labels in this namespace is selected. */
		boolean selects(String namespace, Map<String, String> labels) {
			boolean inNamespace = this.namespaces.isEmpty() || this.namespaces.contains(namespace);
			return inNamespace && labels.entrySet().containsAll(this.labelSelectors.entrySet())
					&& this.expressionSelectors.stream().allMatch((requirement) -> requirement.matches(labels));
		}

	}

	record Requirement(String key, Operator operator, List<String> values) {

		Requirement {
			required(key, "key");
			required(operator, "operator");
			values = Objects.requireNonNullElse(values, List.of());
		}

		boolean matches(Map<String, String> labels) {
			return switch (this.operator) {
				case IN -> this.values.contains(labels.get(this.key));
				case NOT_IN -> !this.values.contains(labels.get(this.key));
				case EXISTS -> labels.containsKey(this.key);
				case DOES_NOT_EXIST -> !labels.containsKey(this.key);
			};
		}

	}

	record Delay(String latency, String correlation, String jitter, Reorder reorder) {

		Delay {
			goDuration(latency);
			if (jitter != null) {
				goDuration(jitter);
			}
			number(correlation);
		}

	}

	record Reorder(String reorder, String correlation, Integer gap) {

		Reorder {
			number(required(reorder, "reorder"));
			number(correlation);
		}

	}

	record Loss(String loss, String correlation) {

		Loss {
			number(required(loss, "loss"));
			number(correlation);
		}

	}

	record Duplicate(String duplicate, String correlation) {

		Duplicate {
			number(required(duplicate, "duplicate"));
			number(correlation);
		}

	}

	record Corrupt(String corrupt, String correlation) {

		Corrupt {
			number(required(corrupt, "corrupt"));
			number(correlation);
		}

	}

	record Bandwidth(String rate, Long limit, Long buffer, Long peakrate, Long minburst) {

		Bandwidth {
			if (!required(rate, "rate").toLowerCase().matches("\\s*\\d+\\s*[kmgt]?bps\\s*")) {
				throw new IllegalArgumentException("bandwidth rate needs a unit of bps: " + rate);
			}
			if (required(limit, "limit") < 1 || required(buffer, "buffer") < 1) {
				throw new IllegalArgumentException("bandwidth limit and buffer are at least 1");
			}
		}

	}

	record Rate(String rate) {

		Rate {
			required(rate, "rate");
		}

	}

	enum PodAction {

		@JsonProperty("pod-kill")
		POD_KILL, @JsonProperty("pod-failure")
		POD_FAILURE, @JsonProperty("container-kill")
		CONTAINER_KILL

	}

	enum NetworkAction {

		@JsonProperty("netem")
		NETEM, @JsonProperty("delay")
		DELAY, @JsonProperty("loss")
		LOSS, @JsonProperty("duplicate")
		DUPLICATE, @JsonProperty("corrupt")
		CORRUPT, @JsonProperty("partition")
		PARTITION, @JsonProperty("bandwidth")
		BANDWIDTH

	}

	enum Mode {

		@JsonProperty("one")
		ONE, @JsonProperty("all")
		ALL, @JsonProperty("fixed")
		FIXED, @JsonProperty("fixed-percent")
		FIXED_PERCENT, @JsonProperty("random-max-percent")
		RANDOM_MAX_PERCENT

	}

	enum Direction {

		@JsonProperty("to")
		TO, @JsonProperty("from")
		FROM, @JsonProperty("both")
		BOTH

	}

	enum Operator {

		@JsonProperty("In")
		IN, @JsonProperty("NotIn")
		NOT_IN, @JsonProperty("Exists")
		EXISTS, @JsonProperty("DoesNotExist")
		DOES_NOT_EXIST

	}

	private static <T> T required(T value, String field) {
		if (value == null) {
			throw new IllegalArgumentException(field + " is required");
		}
		return value;
	}

	private static void number(String value) {
		if (value != null) {
			try {
				Float.parseFloat(value);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("not a number: " + value, ex);
			}
		}
	}

}
