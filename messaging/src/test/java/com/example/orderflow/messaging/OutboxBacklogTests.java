package com.example.orderflow.messaging;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.orderflow.messaging.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxBacklogTests {

	static final TestDatabase database = TestDatabase.create("messaging");

	static JdbcClient setup;

	@BeforeAll
	static void createOutbox() {
		setup = JdbcClient.create(new DriverManagerDataSource(database.url(), database.user(), database.password()));
		setup.sql(OutboxFixtures.schema()).update();
		OutboxFixtures.unpublished(setup, 2, Duration.ofMinutes(5));
	}

	@Test
	void readsTheBacklogOnceAndReusesItUntilTheRefreshIsDue() {
		FlakyDataSource dataSource = new FlakyDataSource();
		OutboxBacklog backlog = new OutboxBacklog(JdbcClient.create(dataSource), Duration.ofHours(1));

		assertThat(backlog.rows()).isEqualTo(2);
		assertThat(backlog.oldestAgeSeconds()).isGreaterThanOrEqualTo(300);
		assertThat(backlog.rows()).isEqualTo(2);
		assertThat(backlog.oldestAgeSeconds()).isGreaterThanOrEqualTo(300);

		assertThat(dataSource.connections).hasValue(1);
	}

	@Test
	void reportsTheLastKnownBacklogWhileTheDatabaseFails() {
		FlakyDataSource dataSource = new FlakyDataSource();
		OutboxBacklog backlog = new OutboxBacklog(JdbcClient.create(dataSource), Duration.ZERO);
		assertThat(backlog.rows()).isEqualTo(2);

		dataSource.down.set(true);

		assertThat(backlog.rows()).isEqualTo(2);
		assertThat(backlog.oldestAgeSeconds()).isGreaterThanOrEqualTo(300);
		assertThat(dataSource.connections).hasValueGreaterThan(1);
	}

	@Test
	void reportsNothingKnownRatherThanFailingWhenTheDatabaseWasNeverReachable() {
		FlakyDataSource dataSource = new FlakyDataSource();
		dataSource.down.set(true);
		OutboxBacklog backlog = new OutboxBacklog(JdbcClient.create(dataSource), Duration.ZERO);

		assertThat(backlog.rows()).isNaN();
		assertThat(backlog.oldestAgeSeconds()).isNaN();
	}

	/** The test database, with a switch that makes it unreachable. */
	static class FlakyDataSource extends DelegatingDataSource {

		final AtomicBoolean down = new AtomicBoolean();

		final AtomicInteger connections = new AtomicInteger();

		FlakyDataSource() {
			super(new DriverManagerDataSource(database.url(), database.user(), database.password()));
		}

		@Override
		public Connection getConnection() throws SQLException {
			this.connections.incrementAndGet();
			if (this.down.get()) {
				throw new SQLTransientConnectionException("the database is down");
			}
			return super.getConnection();
		}

	}

}
