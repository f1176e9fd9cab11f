package com.example.orderflow.loadtest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * @param issuer the authorization server the tools client gets its token from
 * @param rate orders per second offered, or 0 for saturation (a fixed number of sagas
 * kept in flight)
 * @param concurrency sagas kept in flight at saturation
 * @param warmup load before measuring, so the JIT and caches are warm
 * @param duration the measured window
 * @param drain how long to wait for sagas started in the window to finish
 * @param postgresUrl any service database on the server whose statistics give the
 * database counts per saga; the password is never an option (ps would show it), see
 * {@link DatabaseStatistics#PASSWORD_VARIABLE}
 */
record BenchSettings(String gateway, String issuer, String kafka, int rate, int concurrency, Duration warmup,
		Duration duration, Duration drain, List<Path> pidFiles, boolean includePostgres, String postgresUrl) {

	BenchSettings {
		if (rate < 0 || concurrency < 1) {
			throw new IllegalArgumentException("rate must be >= 0 and concurrency >= 1");
		}
		if (!postgresUrl.startsWith("jdbc:postgresql:")) {
			throw new IllegalArgumentException("--postgres-url must be a jdbc:postgresql: URL, not " + postgresUrl);
		}
	}

	boolean saturation() {
		return this.rate == 0;
	}

	/**
	 * @throws CommandLine.ParameterException for an unknown option or a value that is not
	 * one (the command line prints it with the usage)
	 * @throws IllegalArgumentException for values that do not go together
	 */
	static BenchSettings parse(String[] args) {
		return parse(commandLine(), args);
	}

	/** The command line {@code ./stack bench} passes its options to, with its help. */
	static CommandLine commandLine() {
		return new CommandLine(new Options());
	}

	static BenchSettings parse(CommandLine commandLine, String[] args) {
		commandLine.parseArgs(args);
		return ((Options) commandLine.getCommand()).settings();
	}

	@Command(name = "./stack bench", sortOptions = false,
			description = "Places orders through the gateway, open loop at a rate or closed loop at saturation, "
					+ "and prints completed sagas per second, the latency from POST to outcome, CPU per saga by "
					+ "process and the cost model's counts per saga.")
	static final class Options {

		@Option(names = { "-h", "--help" }, usageHelp = true, description = "print these options and exit")
		boolean help;

		@Option(names = "--rate", paramLabel = "N|max", converter = RateConverter.class,
				description = "orders per second offered, or max for saturation (default: ${DEFAULT-VALUE})")
		int rate = 200;

		@Option(names = "--concurrency", paramLabel = "C",
				description = "sagas kept in flight at saturation (default: ${DEFAULT-VALUE})")
		int concurrency = 200;

		@Option(names = "--warmup", paramLabel = "S",
				description = "seconds of load before measuring (default: ${DEFAULT-VALUE})")
		long warmup = 10;

		@Option(names = "--duration", paramLabel = "S", description = "seconds measured (default: ${DEFAULT-VALUE})")
		long duration = 30;

		@Option(names = "--drain", paramLabel = "S",
				description = "seconds to wait for the window's sagas to finish (default: ${DEFAULT-VALUE})")
		long drain = 30;

		@Option(names = "--gateway", paramLabel = "URL", description = "the gateway (default: ${DEFAULT-VALUE})")
		String gateway = "http://127.0.0.1:8080";

		@Option(names = "--issuer", paramLabel = "URL",
				description = "the issuer of the tools client's token (default: ${DEFAULT-VALUE})")
		String issuer = "http://127.0.0.1:9000";

		@Option(names = "--kafka", paramLabel = "HOST:PORT",
				description = "the broker, where outcomes are watched (default: ${DEFAULT-VALUE})")
		String kafka = "127.0.0.1:9092";

		@Option(names = "--pid-files", paramLabel = "FILE", split = ",",
				description = "pid files of the processes whose CPU is counted (./stack passes them)")
		List<Path> pidFiles = List.of();

		@Option(names = "--no-postgres", description = "leave PostgreSQL's processes out of the CPU figures")
		boolean noPostgres;

		@Option(names = "--postgres-url", paramLabel = "JDBC-URL",
				description = "a service database whose statistics give the database counts; the password comes "
						+ "from DB_PASSWORD (default: ${DEFAULT-VALUE})")
		String postgresUrl = "jdbc:postgresql://127.0.0.1:5432/orders";

		BenchSettings settings() {
			return new BenchSettings(this.gateway, this.issuer, this.kafka, this.rate, this.concurrency,
					Duration.ofSeconds(this.warmup), Duration.ofSeconds(this.duration), Duration.ofSeconds(this.drain),
					this.pidFiles.stream().filter((file) -> !file.toString().isBlank()).toList(), !this.noPostgres,
					this.postgresUrl);
		}

	}

	/** {@code max} means saturation, 0 here. */
	static final class RateConverter implements ITypeConverter<Integer> {

		@Override
		public Integer convert(String value) {
			return value.equals("max") ? 0 : Integer.parseInt(value);
		}

	}

}
