package com.example.orderflow.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.example.orderflow.messaging.test.TestDatabase;
import com.example.orderflow.messaging.test.TestKafka;

/**
 * The four services as separate processes, each on a fresh database of the local
 * PostgreSQL server, all on one real Kafka broker.
 */
final class RunningSystem implements AutoCloseable {

	static final Duration START_TIMEOUT = Duration.ofSeconds(120);

	final ServiceProcess orders;

	final ServiceProcess inventory;

	final ServiceProcess payments;

	final ServiceProcess orchestrator;

	private RunningSystem(Duration stepTimeout) {
		Path root = Path.of(System.getProperty("orderflow.root", ".."));
		String version = System.getProperty("orderflow.version", "0.1.0-SNAPSHOT");
		Path logs = root.resolve("system-tests/target/service-logs");
		String kafka = TestKafka.bootstrapServers();
		this.inventory = service("inventory-service", root, version, logs, kafka, List.of());
		this.payments = service("payment-service", root, version, logs, kafka, List.of());
		this.orders = service("order-service", root, version, logs, kafka,
				List.of("--order.downstream.inventory-url=" + this.inventory.baseUrl(),
						"--order.downstream.payment-url=" + this.payments.baseUrl()));
		this.orchestrator = service("saga-orchestrator", root, version, logs, kafka,
				List.of("--orchestrator.saga.step-timeout=" + stepTimeout.toSeconds() + "s"));
	}

	static RunningSystem start(Duration stepTimeout) {
		RunningSystem system = new RunningSystem(stepTimeout);
		List<ServiceProcess> all = system.all();
		all.forEach(ServiceProcess::start);
		CompletableFuture
			.allOf(all.stream()
				.map((service) -> CompletableFuture.runAsync(() -> service.awaitReady(START_TIMEOUT)))
				.toArray(CompletableFuture[]::new))
			.join();
		return system;
	}

	List<ServiceProcess> all() {
		return List.of(this.orders, this.inventory, this.payments, this.orchestrator);
	}

	/** SIGKILL, then start again on the same database and wait until it is ready. */
	void crashAndRestart(ServiceProcess service, Duration downFor) {
		service.kill();
		ServiceProcess.sleep(downFor);
		service.start();
		service.awaitReady(START_TIMEOUT);
	}

	@Override
	public void close() {
		all().forEach(ServiceProcess::stop);
	}

	private static ServiceProcess service(String module, Path root, String version, Path logs, String kafka,
			List<String> extra) {
		TestDatabase database = TestDatabase.create(module.replace("-", "_"));
		Path jar = root.resolve(module).resolve("target").resolve(module + "-" + version + "-exec.jar");
		List<String> arguments = new java.util.ArrayList<>(List.of("--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + database.user(),
				"--spring.datasource.password=" + database.password(), "--spring.kafka.bootstrap-servers=" + kafka));
		arguments.addAll(extra);
		return new ServiceProcess(module, jar, logs, arguments);
	}

}
