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
	void countsThisProcess() {
		assertThat(CpuMeter.cpuMillis(ProcessHandle.current().pid())).isPositive();
	}

}
