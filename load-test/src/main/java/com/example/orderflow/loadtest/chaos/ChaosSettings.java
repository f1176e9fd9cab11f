package com.example.orderflow.loadtest.chaos;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.orderflow.loadtest.chaos.audit.StateReader;
import com.example.orderflow.loadtest.chaos.audit.StateReader.Endpoints;
import com.example.orderflow.loadtest.chaos.fault.Drill;
import com.example.orderflow.loadtest.chaos.fault.FaultTools;

/**
 * A drill as asked for on the command line. {@code ./stack chaos} passes where the stack
 * is (URLs, Kafka, the pid folder, itself); the user chooses the drill and its timing.
 *
 * @param drill null to list the drills
 * @param rate orders per second offered, open loop
 * @param duration how long the load runs
 * @param faultAt when the fault goes on, from the start of the load
 * @param faultFor how long it stays on before it is healed
 * @param settle how long settling may take at most before the audit runs anyway
 * @param service the service a targeted drill acts on: whose consumer group replay
 * resets, whom cut-kafka cuts off
 * @param label what the drill and its report are called: the drill's own name, or
 * {@code --name} (the external drill's)
 */
record ChaosSettings(Drill drill, String gateway, String issuer, Endpoints endpoints, String paymentProvider,
		String kafka, Path runFolder, Path stackScript, Path reports, int rate, Duration duration, Duration faultAt,
		Duration faultFor, Duration settle, String service, int postgresPort, InetSocketAddress kafkaProxy,
		InetSocketAddress kafkaProxied, String label, FaultTools.External external) {

	/**
	 * The saga deadline (SAGA_TIMEOUT, 10 min) plus a margin: by then every saga has
	 * ended or been parked, whatever the fault did.
	 */
	static final Duration DEFAULT_SETTLE = Duration.ofMinutes(11);

	static final String USAGE = """
			Usage: ./stack chaos list | ./stack chaos DRILL [OPTIONS]
			  --rate N          orders per second through the gateway (default 20)
			  --fault-at S      seconds into the load when the fault goes on (default 15)
			  --fault-for S     seconds the fault stays on (default: the drill's, see list)
			  --duration S      seconds of load (default: until 30 s after the fault, at least 60)
			  --settle S        at most this long for every order to end before the audit (default 660:
			                    the saga deadline and a minute)
			  --service NAME    replay: the consumer service whose group is reset; cut-kafka: the service cut off
			                    (default payment-service)
			External drill (the fault is the user's commands, e.g. against docker compose or Kubernetes):
			  --name LABEL      what the report is called (default external)
			  --inject 'CMD'    shell line that injects the fault (must succeed within 2 min)
			  --heal 'CMD'      shell line that heals it and returns once healed (10 min at most)
			  --evidence 'CMD'  shell line, run after healing, that succeeds only if the fault happened
			  and the URLs of the deployment: --gateway --issuer --order-service --inventory-service
			  --payment-service --orchestrator --payment-provider --kafka
			The drill acts as the orderflow-tools client: its secret in AUTH_TOOLS_CLIENT_SECRET.
			""";

	ChaosSettings {
		if (drill == Drill.EXTERNAL && (external.inject() == null || external.heal() == null)) {
			throw new IllegalArgumentException("the external drill needs --inject and --heal");
		}
		if (!label.matches("[a-z0-9][a-z0-9-]{0,40}")) {
			throw new IllegalArgumentException("--name is a short label: lower-case letters, digits and dashes");
		}
		if (rate < 1 || rate > 1000) {
			throw new IllegalArgumentException("--rate must be between 1 and 1000");
		}
		if (!StateReader.SERVICES.contains(service)) {
			throw new IllegalArgumentException("--service must be one of " + StateReader.SERVICES);
		}
	}

	static ChaosSettings parse(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		String name = null;
		for (int i = 0; i < args.length; i++) {
			if (args[i].startsWith("--")) {
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException(args[i] + " needs a value");
				}
				options.put(args[i].substring(2), args[++i]);
			}
			else if (name == null) {
				name = args[i];
			}
			else {
				throw new IllegalArgumentException("one drill at a time, not " + name + " and " + args[i]);
			}
		}
		Drill drill = null;
		if (name != null && !name.equals("list")) {
			String wanted = name;
			drill = Drill.named(name).orElseThrow(() -> new IllegalArgumentException("no drill named " + wanted));
		}
		List<String> known = List.of("gateway", "issuer", "order-service", "inventory-service", "payment-service",
				"orchestrator", "payment-provider", "kafka", "run-folder", "stack", "reports", "rate", "duration",
				"fault-at", "fault-for", "settle", "service", "postgres-port", "kafka-proxy", "kafka-proxied", "name",
				"inject", "heal", "evidence");
		for (String option : options.keySet()) {
			if (!known.contains(option)) {
				throw new IllegalArgumentException("unknown option --" + option);
			}
		}
		Duration faultAt = seconds(options.getOrDefault("fault-at", "15"));
		Duration faultFor = options.containsKey("fault-for") ? seconds(options.get("fault-for"))
				: (drill != null) ? drill.defaultLength() : Duration.ZERO;
		Duration byDefault = faultAt.plus(faultFor).plusSeconds(30);
		Duration duration = options.containsKey("duration") ? seconds(options.get("duration"))
				: (byDefault.compareTo(Duration.ofSeconds(60)) > 0) ? byDefault : Duration.ofSeconds(60);
		return new ChaosSettings(drill, options.getOrDefault("gateway", "http://127.0.0.1:8080"),
				options.getOrDefault("issuer", "http://127.0.0.1:9000"),
				new Endpoints(options.getOrDefault("order-service", "http://127.0.0.1:8081"),
						options.getOrDefault("inventory-service", "http://127.0.0.1:8082"),
						options.getOrDefault("payment-service", "http://127.0.0.1:8083"),
						options.getOrDefault("orchestrator", "http://127.0.0.1:8084")),
				options.getOrDefault("payment-provider", "http://127.0.0.1:8089"),
				options.getOrDefault("kafka", "127.0.0.1:9092"),
				Path.of(options.getOrDefault("run-folder", ".stack/run")),
				Path.of(options.getOrDefault("stack", "./stack")),
				Path.of(options.getOrDefault("reports", "reports/chaos")),
				Integer.parseInt(options.getOrDefault("rate", "20")), duration, faultAt, faultFor,
				options.containsKey("settle") ? seconds(options.get("settle")) : DEFAULT_SETTLE,
				options.getOrDefault("service", "payment-service"),
				Integer.parseInt(options.getOrDefault("postgres-port", "5432")),
				address(options.getOrDefault("kafka-proxy", "127.0.0.1:9095")),
				address(options.getOrDefault("kafka-proxied", "127.0.0.1:9094")),
				options.getOrDefault("name", (drill != null) ? drill.label() : "list"),
				new FaultTools.External(options.get("inject"), options.get("heal"), options.get("evidence")));
	}

	/** What the report lists under Settings. */
	Map<String, Object> described() {
		Map<String, Object> described = new LinkedHashMap<>();
		described.put("rate", this.rate);
		described.put("loadSeconds", this.duration.toSeconds());
		described.put("faultAtSeconds", this.faultAt.toSeconds());
		described.put("faultForSeconds", this.faultFor.toSeconds());
		described.put("settleAtMostSeconds", this.settle.toSeconds());
		if (this.drill == Drill.REPLAY) {
			described.put("replayedService", this.service);
		}
		if (this.drill == Drill.CUT_KAFKA) {
			described.put("cutService", this.service);
		}
		if (this.drill == Drill.EXTERNAL) {
			described.put("inject", this.external.inject());
			described.put("heal", this.external.heal());
			described.put("evidence", this.external.evidence());
		}
		described.put("gateway", this.gateway);
		described.put("kafka", this.kafka);
		return described;
	}

	private static InetSocketAddress address(String hostAndPort) {
		int colon = hostAndPort.lastIndexOf(':');
		if (colon < 1) {
			throw new IllegalArgumentException("host:port expected, not " + hostAndPort);
		}
		return new InetSocketAddress(hostAndPort.substring(0, colon),
				Integer.parseInt(hostAndPort.substring(colon + 1)));
	}

	private static Duration seconds(String value) {
		long seconds = Long.parseLong(value);
		if (seconds < 0) {
			throw new IllegalArgumentException("durations are seconds, 0 or more: " + value);
		}
		return Duration.ofSeconds(seconds);
	}

}
