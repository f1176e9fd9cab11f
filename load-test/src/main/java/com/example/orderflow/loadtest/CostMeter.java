package com.example.orderflow.loadtest;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.BinaryOperator;

import com.example.orderflow.loadtest.DatabaseStatistics.DatabaseCounters;

/**
 * Counts for a cost model of the saga, read at the same moments as the CPU: records
 * written to Kafka and the service databases' commits, rows written and WAL syncs. A
 * source that cannot be read gives why instead of counts: these counts never stop the
 * benchmark.
 */
final class CostMeter implements AutoCloseable {

	private final KafkaOffsets kafka;

	private final String kafkaUnavailable;

	private final DatabaseStatistics database;

	private final String databaseUnavailable;

	private CostMeter(KafkaOffsets kafka, String kafkaUnavailable, DatabaseStatistics database,
			String databaseUnavailable) {
		this.kafka = kafka;
		this.kafkaUnavailable = kafkaUnavailable;
		this.database = database;
		this.databaseUnavailable = databaseUnavailable;
	}

	/**
	 * @param kafka the broker's bootstrap servers
	 * @param postgresUrl a database on the server; the password comes from
	 * {@value DatabaseStatistics#PASSWORD_VARIABLE}, the databases' prefix from
	 * {@value DatabaseStatistics#PREFIX_VARIABLE}
	 */
	static CostMeter fromEnvironment(String kafka, String postgresUrl) {
		KafkaOffsets offsets = null;
		String kafkaUnavailable = null;
		try {
			offsets = new KafkaOffsets(kafka, KafkaOffsets.BENCH_TIMEOUT);
		}
		catch (RuntimeException ex) {
			kafkaUnavailable = why(ex);
		}
		DatabaseStatistics statistics = null;
		String databaseUnavailable = null;
		String password = System.getenv(DatabaseStatistics.PASSWORD_VARIABLE);
		if (password == null || password.isEmpty()) {
			databaseUnavailable = DatabaseStatistics.PASSWORD_VARIABLE + " is not set (./stack bench sets it to the "
					+ DatabaseStatistics.USER + " role's password)";
		}
		else {
			try {
				statistics = new DatabaseStatistics(postgresUrl, password,
						DatabaseStatistics.serviceDatabases(System.getenv(DatabaseStatistics.PREFIX_VARIABLE)));
			}
			catch (SQLException | RuntimeException ex) {
				databaseUnavailable = why(ex);
			}
		}
		return new CostMeter(offsets, kafkaUnavailable, statistics, databaseUnavailable);
	}

	/** Every count so far; never throws. */
	Sample sample() {
		return new Sample(readKafka(), readDatabase());
	}

	private Reading<Map<String, Long>> readKafka() {
		if (this.kafka == null) {
			return Reading.unavailable(this.kafkaUnavailable);
		}
		try {
			return Reading.of(this.kafka.latest());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Reading.unavailable("interrupted");
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			return Reading.unavailable(why(ex));
		}
	}

	private Reading<DatabaseCounters> readDatabase() {
		if (this.database == null) {
			return Reading.unavailable(this.databaseUnavailable);
		}
		try {
			return Reading.of(this.database.read());
		}
		catch (SQLException | RuntimeException ex) {
			return Reading.unavailable(why(ex));
		}
	}

	/** One line: the cause's message, as the wrapping exceptions add nothing. */
	static String why(Throwable failure) {
		Throwable cause = (failure instanceof ExecutionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		String message = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
		return message.replaceAll("\\s+", " ").strip();
	}

	@Override
	public void close() {
		try {
			if (this.kafka != null) {
				this.kafka.close();
			}
			if (this.database != null) {
				this.database.close();
			}
		}
		catch (SQLException | RuntimeException ex) {
			// the counts have been read; a connection that does not close cleanly changes
			// nothing
		}
	}

	/**
	 * @param kafkaRecords records written so far, per topic
	 * @param database the service databases' work so far
	 */
	record Sample(Reading<Map<String, Long>> kafkaRecords, Reading<DatabaseCounters> database) {

	}

	/**
	 * A count, or why there is none.
	 *
	 * @param value null when unavailable
	 * @param unavailable why, or null when there is a value
	 */
	record Reading<T>(T value, String unavailable) {

		Reading {
			if ((value == null) == (unavailable == null)) {
				throw new IllegalArgumentException("a reading has either a value or why it has none");
			}
		}

		static <T> Reading<T> of(T value) {
			return new Reading<>(value, null);
		}

		static <T> Reading<T> unavailable(String why) {
			return new Reading<>(null, why);
		}

		/**
		 * @param difference later value, earlier value: what changed in between
		 */
		Reading<T> until(Reading<T> later, BinaryOperator<T> difference) {
			if (this.unavailable != null) {
				return this;
			}
			if (later.unavailable != null) {
				return later;
			}
			return of(difference.apply(later.value, this.value));
		}

	}

}
