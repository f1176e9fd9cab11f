package com.example.orderflow.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.example.orderflow.messaging.test.TestDatabase;
import com.example.orderflow.messaging.test.TestKafka;
import com.example.orderflow.servicesecurity.test.TestIssuer;
import com.github.tomakehurst.wiremock.WireMockServer;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The four services as separate processes, each on a fresh database of the local
 * PostgreSQL server, all on one real Kafka broker, payment-service charging through a
 * WireMock payment provider that serves the stack's stub mappings; tokens from the
 * {@link TestIssuer} of this JVM.
 */
final class RunningSystem implements AutoCloseable {

	static final Duration START_TIMEOUT = Duration.ofSeconds(120);

	final ServiceProcess orders;

	final ServiceProcess inventory;

	final ServiceProcess payments;

	final ServiceProcess orchestrator;

	final WireMockServer provider;

	private RunningSystem(Duration stepTimeout, List<String> orchestratorSettings, List<String> paymentSettings) {
		Path root = Path.of(System.getProperty("orderflow.root", ".."));
		String version = System.getProperty("orderflow.version", "0.1.0-SNAPSHOT");
		Path logs = root.resolve("system-tests/target/service-logs");
		String kafka = TestKafka.bootstrapServers();
		this.provider = new WireMockServer(options().dynamicPort()
			.usingFilesUnderDirectory(root.resolve("payment-service/psp").toString())
			.maxRequestJournalEntries(20_000));
		this.provider.start();
		this.inventory = service("inventory-service", root, version, logs, kafka, List.of());
		List<String> payment = new ArrayList<>(paymentSettings);
		payment.add("--payment.provider.url=" + this.provider.baseUrl());
		this.payments = service("payment-service", root, version, logs, kafka, payment);
		this.orders = service("order-service", root, version, logs, kafka,
				List.of("--order.downstream.inventory-url=" + this.inventory.baseUrl(),
						"--order.downstream.payment-url=" + this.payments.baseUrl()));
		List<String> orchestrator = new ArrayList<>(orchestratorSettings);
		orchestrator.add("--orchestrator.saga.step-timeout=" + stepTimeout.toSeconds() + "s");
		this.orchestrator = service("saga-orchestrator", root, version, logs, kafka, orchestrator);
	}

	static RunningSystem start(Duration stepTimeout) {
		return start(stepTimeout, List.of(), List.of());
	}

	/**
	 * @param orchestratorSettings more {@code --name=value} settings for the orchestrator
	 * @param paymentSettings more {@code --name=value} settings for payment-service
	 */
	static RunningSystem start(Duration stepTimeout, List<String> orchestratorSettings, List<String> paymentSettings) {
		RunningSystem system = new RunningSystem(stepTimeout, orchestratorSettings, paymentSettings);
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
		this.provider.stop();
	}

	private static ServiceProcess service(String module, Path root, String version, Path logs, String kafka,
			List<String> extra) {
		TestDatabase database = TestDatabase.create(module.replace("-", "_"));
		Path jar = root.resolve(module).resolve("target").resolve(module + "-" + version + "-exec.jar");
		List<String> arguments = new ArrayList<>(List.of("--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + database.user(),
				"--spring.datasource.password=" + database.password(), "--spring.kafka.bootstrap-servers=" + kafka,
				// every service checks tokens against this JVM's test issuer
				"--AUTH_ISSUER=" + TestIssuer.shared().uri(), "--AUTH_JWK_SET_URI=" + TestIssuer.shared().jwkSetUri()));
		arguments.addAll(extra);
		return new ServiceProcess(module, jar, logs, arguments);
	}

}
