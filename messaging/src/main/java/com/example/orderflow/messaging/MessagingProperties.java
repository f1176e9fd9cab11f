package com.example.orderflow.messaging;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the outbox relay, the inbox and the topics a service creates at start.
 *
 * @param outbox how the relay batches and how long published rows are kept
 * @param inbox how long processed message ids are remembered
 * @param topics topics this service owns (creates), with their partitioning
 * @param consumer how consumers retry transient failures
 */
@ConfigurationProperties("messaging")
public record MessagingProperties(@DefaultValue Outbox outbox, @DefaultValue Inbox inbox, @DefaultValue Topics topics,
		@DefaultValue Consumer consumer) {

	/**
	 * @param batchSize rows published per round trip
	 * @param pollInterval how often an idle relay looks for rows that another instance or
	 * a restart left behind; rows written by this instance wake the relay at once
	 * @param sendTimeout how long the relay waits for the broker to acknowledge a batch
	 * @param retention how long published rows stay (for an audit in SQL) before they are
	 * purged; zero, the default, deletes each row in the transaction that publishes it,
	 * which writes least: a row kept is updated (a second row version with index entries)
	 * and deleted later. The topic keeps what was published either way. Rows marked
	 * published are purged after this time, whoever marked them.
	 * @param backlogRefresh how long the backlog gauges reuse one count of the
	 * unpublished rows, so frequent scrapes do not each query the database
	 */
	public record Outbox(@DefaultValue("500") int batchSize, @DefaultValue("500ms") Duration pollInterval,
			@DefaultValue("30s") Duration sendTimeout, @DefaultValue("0s") Duration retention,
			@DefaultValue("5s") Duration backlogRefresh) {

		public Outbox {
			if (batchSize < 1) {
				throw new IllegalArgumentException("messaging.outbox.batch-size must be positive");
			}
			if (retention.isNegative()) {
				throw new IllegalArgumentException("messaging.outbox.retention must not be negative");
			}
		}

	}

	/**
	 * @param retention must outlive any redelivery: the topics' retention is a safe bound
	 */
	public record Inbox(@DefaultValue("7d") Duration retention) {
	}

	/**
	 * @param create topics this service owns and creates at start
	 * @param partitions partitions per topic; one saga always stays on one partition
	 * @param replicationFactor 1 on a single local broker, 3 in production
	 */
	public record Topics(@DefaultValue List<String> create, @DefaultValue("6") int partitions,
			@DefaultValue("1") short replicationFactor) {
	}

	/**
	 * @param transientRetry the blocking retry of a record that failed transiently
	 * @param instance this instance's lasting name in its consumer group (Kafka's
	 * {@code group.instance.id}, static membership): an instance that comes back under
	 * the same name after a crash gets its partitions back at once, where a new member
	 * waits until the broker gives up on the dead one (the session timeout, 45 s). Unique
	 * per running instance of a service, and kept across its restarts: {@code ./stack}
	 * names them. Unset (the default), the consumer joins as a new member each time,
	 * which suits instances that are replaced rather than restarted (a Kubernetes
	 * Deployment's pods): a static member that is gone for good holds its partitions for
	 * the session timeout, as it never leaves the group
	 */
	public record Consumer(@DefaultValue TransientRetry transientRetry, String instance) {

		/**
		 * @param initialInterval the first wait
		 * @param multiplier how much each wait grows
		 * @param maxInterval the longest wait; below the consumer's max.poll.interval
		 * @param maxElapsed how long a record is retried before it is parked on the
		 * dead-letter topic: long enough to ride out a database restart or failover
		 */
		public record TransientRetry(@DefaultValue("100ms") Duration initialInterval,
				@DefaultValue("2") double multiplier, @DefaultValue("5s") Duration maxInterval,
				@DefaultValue("15m") Duration maxElapsed) {
		}

	}

}
