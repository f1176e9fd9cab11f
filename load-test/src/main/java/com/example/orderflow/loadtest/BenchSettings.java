package com.example.orderflow.loadtest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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

	static BenchSettings parse(String[] args) {
		String gateway = "http://127.0.0.1:8080";
		String issuer = "http://127.0.0.1:9000";
		String kafka = "127.0.0.1:9092";
		int rate = 200;
		int concurrency = 200;
		Duration warmup = Duration.ofSeconds(10);
		Duration duration = Duration.ofSeconds(30);
		Duration drain = Duration.ofSeconds(30);
		List<Path> pidFiles = List.of();
		boolean postgres = true;
		String postgresUrl = "jdbc:postgresql://127.0.0.1:5432/orders";
		for (int i = 0; i < args.length; i++) {
			String value = (i + 1 < args.length) ? args[i + 1] : "";
			switch (args[i]) {
				case "--gateway" -> gateway = value;
				case "--issuer" -> issuer = value;
				case "--kafka" -> kafka = value;
				case "--rate" -> rate = value.equals("max") ? 0 : Integer.parseInt(value);
				case "--concurrency" -> concurrency = Integer.parseInt(value);
				case "--warmup" -> warmup = Duration.ofSeconds(Long.parseLong(value));
				case "--duration" -> duration = Duration.ofSeconds(Long.parseLong(value));
				case "--drain" -> drain = Duration.ofSeconds(Long.parseLong(value));
				case "--pid-files" -> pidFiles = java.util.Arrays.stream(value.split(","))
					.filter((p) -> !p.isBlank())
					.map(Path::of)
					.toList();
				case "--postgres-url" -> postgresUrl = value;
				case "--no-postgres" -> {
					postgres = false;
					continue;
				}
				default -> throw new IllegalArgumentException("unknown option " + args[i]);
			}
			i++;
		}
		return new BenchSettings(gateway, issuer, kafka, rate, concurrency, warmup, duration, drain, pidFiles, postgres,
				postgresUrl);
	}

}
