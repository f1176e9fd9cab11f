package com.example.orderflow.loadtest;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
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
		assertThatExceptionOfType(CommandLine.UnmatchedArgumentException.class)
			.isThrownBy(() -> BenchSettings.parse(new String[] { "--postgres-password", "secret" }))
			.withMessageContaining("Unknown options: '--postgres-password', 'secret'");
	}

	@Test
	void refusesARateThatIsNeitherANumberNorMax() {
		assertThatExceptionOfType(CommandLine.ParameterException.class)
			.isThrownBy(() -> BenchSettings.parse(new String[] { "--rate", "fast" }))
			.withMessageContaining("--rate");
	}

	@Test
	void answersHelpWithEveryOptionAndItsDefault() {
		CommandLine commandLine = BenchSettings.commandLine();
		BenchSettings.parse(commandLine, new String[] { "--gateway", "http://127.0.0.1:8080", "--help" });

		assertThat(commandLine.isUsageHelpRequested()).isTrue();
		assertThat(commandLine.getUsageMessage()).contains("Usage: ./stack bench")
			.contains("--rate=N|max", "default: 200", "--concurrency=C", "--warmup=S", "--duration=S", "--drain=S",
					"--postgres-url=JDBC-URL", "--no-postgres", "--help");
	}

	@Test
	void keepsEveryPidFileNamedAndDropsEmptyNames() {
		BenchSettings settings = BenchSettings.parse(new String[] { "--pid-files", "a.pid,,b.pid" });

		assertThat(settings.pidFiles()).containsExactly(Path.of("a.pid"), Path.of("b.pid"));
		assertThat(settings.warmup()).isEqualTo(Duration.ofSeconds(10));
	}

}
