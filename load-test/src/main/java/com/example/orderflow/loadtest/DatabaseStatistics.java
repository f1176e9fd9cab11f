package com.example.orderflow.loadtest;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

import org.postgresql.Driver;

/**
 * The work the service databases have done so far, from PostgreSQL's cumulative
 * statistics: commits and rows written, summed over the service databases
 * ({@code pg_stat_database}), and the WAL written and synced ({@code pg_stat_wal}).
 * <p>
 * Two caveats. WAL is one stream for the whole server, so the WAL counts include whatever
 * else runs on it too (a test suite's databases, autovacuum, checkpoints). And each
 * backend adds its counts to the shared statistics at most once a second, when it goes
 * idle: a reading misses up to about a second of the latest work. Both ends of a measured
 * window miss alike, so under steady load the error mostly cancels out; it is a few
 * percent of a short window at worst.
 */
final class DatabaseStatistics implements AutoCloseable {

	/** Where the password comes from: never an option, which {@code ps} would show. */
	static final String PASSWORD_VARIABLE = "DB_PASSWORD";

	/** Names another set of service databases, as it does for {@code ./stack}. */
	static final String PREFIX_VARIABLE = "DB_PREFIX";

	static final String USER = "orderflow";

	static final List<String> SERVICE_DATABASES = List.of("orders", "inventory", "payments", "orchestrator", "auth");

	private final Connection connection;

	private final List<String> databases;

	private final String walCounters;

	/**
	 * @param url any database on the server: the statistics views show every database's
	 * @param databases the databases whose commits and rows are counted
	 */
	DatabaseStatistics(String url, String password, List<String> databases) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", USER);
		properties.setProperty("password", password);
		properties.setProperty("connectTimeout", "5");
		properties.setProperty("socketTimeout", "10");
		properties.setProperty("ApplicationName", "orderflow-bench");
		// the driver itself rather than DriverManager, which may not see a driver inside
		// the benchmark's executable jar
		Connection connection = new Driver().connect(url, properties);
		if (connection == null) {
			throw new SQLException("not a PostgreSQL JDBC URL: " + url);
		}
		this.connection = connection;
		this.connection.setAutoCommit(false);
		this.connection.setReadOnly(true);
		this.databases = databases;
		// PostgreSQL 18 moved the WAL syncs from pg_stat_wal to pg_stat_io
		this.walCounters = (connection.getMetaData().getDatabaseMajorVersion() >= 18)
				? "select wal_records, wal_bytes, (select coalesce(sum(fsyncs), 0) from pg_stat_io "
						+ "where object = 'wal' and context = 'normal') from pg_stat_wal"
				: "select wal_records, wal_bytes, wal_sync from pg_stat_wal";
	}

	/**
	 * @param prefix the value of {@value #PREFIX_VARIABLE}, null when it is not set
	 */
	static List<String> serviceDatabases(String prefix) {
		String before = (prefix != null) ? prefix : "";
		return SERVICE_DATABASES.stream().map((name) -> before + name).toList();
	}

	DatabaseCounters read() throws SQLException {
		try {
			DatabaseCounters counters = readInTransaction();
			// rolled back rather than committed, so that reading is not itself a commit
			this.connection.rollback();
			return counters;
		}
		catch (SQLException ex) {
			try {
				this.connection.rollback();
			}
			catch (SQLException rollback) {
				ex.addSuppressed(rollback);
			}
			throw ex;
		}
	}

	private DatabaseCounters readInTransaction() throws SQLException {
		try (Statement statement = this.connection.createStatement();
				PreparedStatement perDatabase = this.connection.prepareStatement("""
						select count(*), coalesce(sum(xact_commit), 0),
							coalesce(sum(tup_inserted + tup_updated + tup_deleted), 0)
						from pg_stat_database where datname = any (?)""")) {
			// a transaction keeps the statistics it has read (stats_fetch_consistency =
			// cache) until it ends: start from a fresh snapshot whatever came before
			statement.execute("select pg_stat_clear_snapshot()");
			Array names = this.connection.createArrayOf("text", this.databases.toArray());
			perDatabase.setArray(1, names);
			long commits;
			long rowsWritten;
			try (ResultSet row = perDatabase.executeQuery()) {
				row.next();
				if (row.getLong(1) == 0) {
					throw new SQLException("none of the databases " + this.databases + " is on the server");
				}
				commits = row.getLong(2);
				rowsWritten = row.getLong(3);
			}
			try (ResultSet row = statement.executeQuery(this.walCounters)) {
				row.next();
				return new DatabaseCounters(commits, rowsWritten, row.getLong(1), row.getLong(2), row.getLong(3));
			}
		}
	}

	@Override
	public void close() throws SQLException {
		this.connection.close();
	}

	/**
	 * Cumulative counts, or the difference between two readings.
	 *
	 * @param commits transactions committed in the service databases
	 * @param rowsWritten rows inserted, updated and deleted in the service databases
	 * @param walRecords WAL records the server wrote: a row version, an index entry, a
	 * row lock, a commit...
	 * @param walBytes bytes of WAL the server wrote, full-page images included
	 * @param walSyncs times the server synced WAL to disk
	 */
	record DatabaseCounters(long commits, long rowsWritten, long walRecords, long walBytes, long walSyncs) {

		DatabaseCounters minus(DatabaseCounters earlier) {
			return new DatabaseCounters(this.commits - earlier.commits, this.rowsWritten - earlier.rowsWritten,
					this.walRecords - earlier.walRecords, this.walBytes - earlier.walBytes,
					this.walSyncs - earlier.walSyncs);
		}

	}

}
