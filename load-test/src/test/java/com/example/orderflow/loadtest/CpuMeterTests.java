package com.example.orderflow.loadtest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CpuMeterTests {

	@Test
	void readsUserAndSystemTicksAfterACommandNameWithSpaces() {
		String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 30 0 123 0 0";
		assertThat(CpuMeter.parseCpuMillis(stat)).isEqualTo(3000);
	}

	@Test
	void countsTheChildrenAProcessReaped() {
		// a PostgreSQL server whose autovacuum workers and ended backends used 1.2 s
		String stat = "77 (postgres) S 1 77 77 0 -1 4194560 100 0 0 0 40 10 90 30 20 0 1 0 123 0 0";
		assertThat(CpuMeter.parseCpuMillis(stat)).isEqualTo(1700);
	}

	@Test
	void countsThisProcess() {
		assertThat(CpuMeter.cpuMillis(ProcessHandle.current().pid())).isPositive();
	}

}
