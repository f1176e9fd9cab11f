package com.example.orderflow.payment;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import com.example.orderflow.messaging.test.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo profile's migrations on a fresh database, without the rest of the service.
 */
class DemoDataIntegrationTests {

	@Test
	void seedsAliceBobAndCarolAndReseedsThemWithoutDuplicates() throws Exception {
		TestDatabase database = TestDatabase.create("payments_demo");
		Flyway.configure()
			.dataSource(database.url(), database.user(), database.password())
			.locations("classpath:db/migration", "classpath:db/demo")
			.load()
			.migrate();
		String seed = new ClassPathResource("db/demo/R__demo_accounts.sql").getContentAsString(StandardCharsets.UTF_8);

		try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
			statement.executeUpdate("update accounts set balance = 1 where customer_id = 'bob'");
			statement.execute(seed);
			assertThat(balances(statement)).containsExactly(Map.entry("alice", 100_000_000L), Map.entry("bob", 5_000L),
					Map.entry("carol", 0L));
		}
	}

	private static Map<String, Long> balances(Statement statement) throws Exception {
		Map<String, Long> balances = new LinkedHashMap<>();
		try (ResultSet rs = statement
			.executeQuery("select customer_id, balance from accounts where currency = 'EUR' order by customer_id")) {
			while (rs.next()) {
				balances.put(rs.getString(1), rs.getLong(2));
			}
		}
		return balances;
	}

}
