package com.example.orderflow.loadtest.chaos.fault;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The drills {@code ./stack chaos} knows, each with its fault and how long it lasts by
 * default.
 */
public enum Drill {

	KILL_ORCHESTRATOR("kill-orchestrator", "kill -9 saga-orchestrator mid-saga, restart it with ./stack up", 10) {
		@Override
		public Fault fault(FaultTools tools) {
			return new ServiceKill(tools.stack(), "saga-orchestrator");
		}
	},

	KILL_PAYMENT("kill-payment", "kill -9 payment-service mid-saga, restart it with ./stack up", 10) {
		@Override
		public Fault fault(FaultTools tools) {
			return new ServiceKill(tools.stack(), "payment-service");
		}
	},

	KILL_INVENTORY("kill-inventory", "kill -9 inventory-service mid-saga, restart it with ./stack up", 10) {
		@Override
		public Fault fault(FaultTools tools) {
			return new ServiceKill(tools.stack(), "inventory-service");
		}
	},

	KILL_ORDER("kill-order", "kill -9 order-service mid-saga (and mid-POST), restart it with ./stack up", 10) {
		@Override
		public Fault fault(FaultTools tools) {
			return new ServiceKill(tools.stack(), "order-service");
		}
	},

	/** Longer than Kafka's default session timeout (45 s), so the consumer is dropped. */
	PAUSE_INVENTORY("pause-inventory",
			"SIGSTOP inventory-service past the Kafka session timeout, then SIGCONT: the zombie consumer must not "
					+ "apply anything twice",
			60) {
		@Override
		public Fault fault(FaultTools tools) {
			return new ServicePause(tools.stack(), "inventory-service");
		}
	},

	PSP_SLOW("psp-slow", "the payment provider answers every capture after 3 s, past payment-service's 2 s time limit",
			20) {
		@Override
		public Fault fault(FaultTools tools) {
			return PaymentProviderFault.slow(tools.paymentProvider(), Duration.ofSeconds(3));
		}
	},

	PSP_DOWN("psp-down", "the payment provider answers every capture 503, then resets every connection", 20) {
		@Override
		public Fault fault(FaultTools tools) {
			return PaymentProviderFault.down(tools.paymentProvider());
		}
	},

	RESTART_KAFKA("restart-kafka", "kill -9 the Kafka broker mid-saga, restart it with ./stack up", 10) {
		@Override
		public Fault fault(FaultTools tools) {
			return new ServiceKill(tools.stack(), "kafka");
		}
	},

	RESTART_POSTGRES("restart-postgres",
			"stop PostgreSQL the hard way (immediate: crash recovery on start) mid-saga, start it with ./stack up",
			10) {
		@Override
		public Fault fault(FaultTools tools) {
			return new PostgresRestart(tools.stack(), tools.postgresPort());
		}
	},

	/** Longer than Kafka's default session timeout (45 s), so the consumer is dropped. */
	CUT_KAFKA("cut-kafka", "freeze every connection between a service (--service) and Kafka past the session timeout, "
			+ "through a TCP proxy the service is moved onto before the load", 60) {
		@Override
		public Fault fault(FaultTools tools) {
			return new KafkaCut(tools.stack(), tools.service(), tools.kafkaProxy(), tools.kafkaProxied());
		}
	},

	MONKEY("monkey", "Chaos Monkey inside the four services: about 1 call in 4 where a request or a Kafka batch "
			+ "enters is delayed 0.5-2 s or fails with an exception (needs CHAOS_MONKEY=on ./stack up)", 20) {
		@Override
		public Fault fault(FaultTools tools) {
			return MonkeyAssault.on(tools.services(), tools.token());
		}
	},

	REPLAY("replay", "stop a consumer service, move its consumer group back to the beginning of its topics, restart "
			+ "it: every replayed message must change nothing", 5) {
		@Override
		public Fault fault(FaultTools tools) {
			return new ConsumerGroupReplay(tools.stack(), tools.kafkaBootstrap(), tools.service());
		}
	},

	/**
	 * For deployments this tool cannot signal itself (docker compose, Kubernetes): the
	 * user's commands inject and heal the fault.
	 */
	EXTERNAL("external", "the fault --inject runs, healed by --heal and proven by --evidence (compose, Kubernetes)",
			10) {
		@Override
		public Fault fault(FaultTools tools) {
			FaultTools.External external = tools.external();
			return CommandFault.of(external.inject(), external.heal(), external.evidence(), tools.stack().drillLog());
		}
	};

	private final String label;

	private final String description;

	private final Duration defaultLength;

	Drill(String label, String description, int defaultSeconds) {
		this.label = label;
		this.description = description;
		this.defaultLength = Duration.ofSeconds(defaultSeconds);
	}

	public abstract Fault fault(FaultTools tools);

	public static Optional<Drill> named(String label) {
		return Arrays.stream(values()).filter((drill) -> drill.label.equals(label)).findFirst();
	}

	public String label() {
		return this.label;
	}

	public String description() {
		return this.description;
	}

	/** How long the fault lasts unless {@code --fault-for} says otherwise. */
	public Duration defaultLength() {
		return this.defaultLength;
	}

}
