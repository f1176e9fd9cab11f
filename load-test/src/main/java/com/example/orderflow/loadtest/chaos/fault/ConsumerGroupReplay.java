package com.example.orderflow.loadtest.chaos.fault;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import com.example.orderflow.loadtest.chaos.audit.Check;
import com.example.orderflow.loadtest.chaos.report.Timeline;
import com.example.orderflow.loadtest.chaos.report.Timeline.Kind;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Every message a service ever consumed, delivered again: the service is stopped, its
 * consumer group (named after the service) is moved back to the beginning of each topic
 * it reads, and it is started again. The inbox and idempotent handlers must make every
 * replayed message change nothing.
 */
final class ConsumerGroupReplay implements Fault {

	private static final Duration RESET_AT_MOST = Duration.ofSeconds(60);

	private final Stack stack;

	private final String bootstrapServers;

	private final String service;

	private final AtomicBoolean stopped = new AtomicBoolean();

	private volatile Map<TopicPartition, Long> endsAtReset = Map.of();

	private volatile long replayed = -1;

	ConsumerGroupReplay(Stack stack, String bootstrapServers, String service) {
		this.stack = stack;
		this.bootstrapServers = bootstrapServers;
		this.service = service;
	}

	@Override
	public void run(Duration length, Timeline timeline) throws Exception {
		long from = System.nanoTime();
		timeline.mark(Kind.FAULT_ON, "stop " + this.service + " (SIGTERM: its consumer leaves the group)");
		this.stopped.set(true);
		this.stack.stop(this.service);
		try (Admin admin = admin()) {
			Map<TopicPartition, Long> committed = committed(admin);
			Map<TopicPartition, Long> earliest = offsets(admin, committed.keySet(), OffsetSpec.earliest());
			this.endsAtReset = offsets(admin, committed.keySet(), OffsetSpec.latest());
			this.replayed = committed.entrySet()
				.stream()
				.mapToLong((entry) -> entry.getValue() - earliest.get(entry.getKey()))
				.sum();
			reset(admin, earliest);
			Set<String> topics = new TreeSet<>();
			committed.keySet().forEach((partition) -> topics.add(partition.topic()));
			timeline.mark(Kind.NOTE, "consumer group %s moved to the beginning of %s: %d records to apply again"
				.formatted(this.service, topics, this.replayed));
		}
		Thread.sleep(Math.max(0, length.toMillis() - (System.nanoTime() - from) / 1_000_000));
		timeline.mark(Kind.NOTE, "./stack up restarts " + this.service);
		long restartFrom = System.nanoTime();
		heal();
		timeline.ready(restartFrom, System.nanoTime());
		timeline.mark(Kind.FAULT_OFF, this.service + " ready again, replaying");
	}

	@Override
	public void heal() {
		if (this.stopped.compareAndSet(true, false)) {
			this.stack.up();
		}
	}

	/** Committed again as far as the topics reached when they were reset. */
	@Override
	public boolean caughtUp() {
		if (this.endsAtReset.isEmpty()) {
			return true;
		}
		try (Admin admin = admin()) {
			Map<TopicPartition, Long> committed = committed(admin);
			return this.endsAtReset.entrySet()
				.stream()
				.allMatch((end) -> committed.getOrDefault(end.getKey(), 0L) >= end.getValue());
		}
		catch (Exception ex) {
			return false;
		}
	}

	@Override
	public Check tookEffect() {
		boolean effect = this.replayed > 0 && caughtUp();
		return Check.of("fault: " + this.service + " replayed its topics from the beginning", effect,
				"%d records consumed again from offset 0; the group %s to where the topics ended at the reset"
					.formatted(this.replayed, caughtUp() ? "caught up" : "did NOT catch up"));
	}

	private Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers));
	}

	private Map<TopicPartition, Long> committed(Admin admin) throws ExecutionException, InterruptedException {
		Map<TopicPartition, Long> committed = new HashMap<>();
		Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(this.service)
			.partitionsToOffsetAndMetadata()
			.get();
		offsets.forEach((partition, offset) -> {
			if (offset != null) {
				committed.put(partition, offset.offset());
			}
		});
		return committed;
	}

	private static Map<TopicPartition, Long> offsets(Admin admin, Set<TopicPartition> partitions, OffsetSpec spec)
			throws ExecutionException, InterruptedException {
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		partitions.forEach((partition) -> request.put(partition, spec));
		Map<TopicPartition, Long> offsets = new HashMap<>();
		for (Map.Entry<TopicPartition, ListOffsetsResultInfo> entry : admin.listOffsets(request)
			.all()
			.get()
			.entrySet()) {
			offsets.put(entry.getKey(), entry.getValue().offset());
		}
		return offsets;
	}

	/**
	 * Kafka refuses while the group still has members; a stopped service's consumer may
	 * take a moment to be gone.
	 */
	private void reset(Admin admin, Map<TopicPartition, Long> to) throws InterruptedException {
		Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
		to.forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset)));
		long giveUpAt = System.nanoTime() + RESET_AT_MOST.toNanos();
		while (true) {
			try {
				admin.alterConsumerGroupOffsets(this.service, offsets).all().get();
				return;
			}
			catch (ExecutionException ex) {
				if (System.nanoTime() > giveUpAt) {
					throw new IllegalStateException("could not reset the offsets of group " + this.service, ex);
				}
				Thread.sleep(1000);
			}
		}
	}

}
