package com.example.orderflow.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time (user + system) of the stack's processes, read from /proc, with that of their
 * children that ended. PostgreSQL runs as many processes (one per connection plus
 * background workers); they are summed as one, and an autovacuum worker or a backend that
 * ends during the run still counts, through the server process that reaped it.
 */
final class CpuMeter {

	/**
	 * USER_HZ: Linux reports /proc times in these ticks; 100 on every mainstream kernel.
	 */
	private static final long TICKS_PER_SECOND = 100;

	private final Map<String, Long> pids;

	private final boolean includePostgres;

	CpuMeter(List<Path> pidFiles, boolean includePostgres) {
		this.pids = new LinkedHashMap<>();
		for (Path file : pidFiles) {
			try {
				String name = file.getFileName().toString().replace(".pid", "");
				this.pids.put(name, Long.parseLong(Files.readString(file).trim()));
			}
			catch (IOException | NumberFormatException ex) {
				// a part that is not running has no CPU to count
			}
		}
		this.includePostgres = includePostgres;
	}

	/** CPU milliseconds so far, per part of the stack. */
	Map<String, Long> sample() {
		Map<String, Long> millis = new LinkedHashMap<>();
		this.pids.forEach((name, pid) -> millis.put(name, cpuMillis(pid)));
		if (this.includePostgres) {
			millis.put("postgresql", postgresMillis());
		}
		return millis;
	}

	private static long postgresMillis() {
		try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
			return processes.filter((p) -> p.getFileName().toString().chars().allMatch(Character::isDigit))
				.filter(CpuMeter::isPostgres)
				.mapToLong((p) -> cpuMillis(Long.parseLong(p.getFileName().toString())))
				.sum();
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private static boolean isPostgres(Path process) {
		try {
			return Files.readString(process.resolve("comm")).trim().startsWith("postgres");
		}
		catch (IOException ex) {
			return false;
		}
	}

	static long cpuMillis(long pid) {
		try {
			return parseCpuMillis(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/**
	 * Fields 14 to 17 of /proc/PID/stat (utime, stime, cutime, cstime), counted after the
	 * parenthesised command name.
	 */
	static long parseCpuMillis(String stat) {
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
				+ Long.parseLong(fields[14]);
		return ticks * 1000 / TICKS_PER_SECOND;
	}

}
