package com.example.orderflow.messaging.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A new, empty database on the real local PostgreSQL server, so every application context
 * migrates its own schema with Flyway and tests never see each other's rows. The server
 * and the test role come from {@code ./stack test} (scripts/postgres.sh), which also
 * makes the role's random password, kept outside the repository in
 * {@code ~/.config/orderflow/postgres-orderflow_test.password}; {@code PGHOST},
 * {@code PGPORT}, {@code TEST_DB_USER} and {@code TEST_DB_PASSWORD} override the
 * defaults.
 */
public final class TestDatabase {

	private static final String HOST = env("PGHOST", "127.0.0.1");

	private static final String PORT = env("PGPORT", "5432");

	private static final String USER = env("TEST_DB_USER", "orderflow_test");

	private static final String PASSWORD = testRolePassword();

	private static final Set<String> created = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropCreated));
	}

	private final String url;

	private TestDatabase(String url) {
		this.url = url;
	}

	private static String testRolePassword() {
		String password = System.getenv("TEST_DB_PASSWORD");
		if (password != null && !password.isBlank()) {
			return password;
		}
		String secrets = env("ORDERFLOW_SECRETS_DIR", System.getProperty("user.home") + "/.config/orderflow");
		Path file = Path.of(secrets, "postgres-" + USER + ".password");
		try {
			return Files.readString(file).strip();
		}
		catch (IOException ex) {
			throw new IllegalStateException("No password for the test role " + USER + " in TEST_DB_PASSWORD or " + file
					+ ". Run the tests with ./stack test, which starts PostgreSQL and creates the role and its password.",
					ex);
		}
	}

	/** Creates {@code <prefix>_test_<random>}. */
	public static TestDatabase create(String prefix) {
		String name = prefix + "_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (Connection admin = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
				Statement statement = admin.createStatement()) {
			statement.execute("create database " + name);
			created.add(name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(
					"Cannot create a test database on " + HOST + ":" + PORT + " as " + USER
							+ ". Run the tests with ./stack test, which starts PostgreSQL and creates the test role.",
					ex);
		}
		return new TestDatabase(jdbcUrl(name));
	}

	public String url() {
		return this.url;
	}

	public String user() {
		return USER;
	}

	public String password() {
		return PASSWORD;
	}

	public Connection connect() throws SQLException {
		return DriverManager.getConnection(this.url, USER, PASSWORD);
	}

	/** Points {@code spring.datasource.*} at this database. */
	public void register(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", this::url);
		registry.add("spring.datasource.username", this::user);
		registry.add("spring.datasource.password", this::password);
	}

	/**
	 * Best effort: a test JVM that is killed leaves its databases behind, which is
	 * harmless.
	 */
	private static void dropCreated() {
		try (Connection admin = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
				Statement statement = admin.createStatement()) {
			for (String name : created) {
				statement.execute("drop database if exists " + name + " with (force)");
			}
		}
		catch (SQLException ex) {
			// the server may already be gone; nothing to clean then
		}
	}

	private static String jdbcUrl(String database) {
		return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
