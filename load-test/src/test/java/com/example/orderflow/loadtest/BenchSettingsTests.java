package com.example.orderflow.loadtest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchSettingsTests {

	@Test
	void readsTheDatabaseCountsFromTheLocalOrdersDatabaseByDefault() {
		BenchSettings settings = BenchSettings.parse(new String[] { "--rate", "50" });

		assertThat(settings.postgresUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/orders");
		assertThat(settings.rate()).isEqualTo(50);
	}

	@Test
	void takesThePostgresUrlFromTheCommandLine() {
		BenchSettings settings = BenchSettings.parse(new String[] { "--postgres-url",
				"jdbc:postgresql://127.0.0.1:5433/e2e_orders", "--no-postgres", "--rate", "max" });

		assertThat(settings.postgresUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5433/e2e_orders");
		assertThat(settings.includePostgres()).isFalse();
		assertThat(settings.saturation()).isTrue();
	}

	@Test
	void refusesAnotherKindOfUrlAndAPasswordOnTheCommandLine() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchSettings.parse(new String[] { "--postgres-url", "postgres://127.0.0.1/orders" }))
			.withMessageContaining("jdbc:postgresql:");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchSettings.parse(new String[] { "--postgres-password", "secret" }))
			.withMessageContaining("unknown option --postgres-password");
	}

}
