package com.example.orderflow.loadtest.chaos.fault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.example.orderflow.loadtest.chaos.audit.Check;
import com.example.orderflow.loadtest.chaos.report.DrillReport.Recovery;
import com.example.orderflow.loadtest.chaos.report.Timeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class CommandFaultTests {

	@TempDir
	Path folder;

	@Test
	void injectsHealsOnceAndPassesOnlyWithItsEvidence() throws Exception {
		Path healed = this.folder.resolve("healed");
		Fault fault = CommandFault.of("touch " + this.folder.resolve("injected"), "echo x >> " + healed,
				"test -f " + this.folder.resolve("injected"), this.folder.resolve("commands.log"));
		Timeline timeline = new Timeline(System.nanoTime());

		fault.run(Duration.ZERO, timeline);
		fault.heal();
		Check check = fault.tookEffect();

		assertThat(Files.readAllLines(healed)).as("healing twice runs the line once").hasSize(1);
		assertThat(check.passed()).as(check.figure()).isTrue();
		assertThat(check.name()).isEqualTo("fault: injected, healed and proven");
		assertThat(Files.readString(this.folder.resolve("commands.log"))).contains("$ sh -c touch");
	}

	@Test
	void tellsTheTimelineWhenTheHealLineReturnedWithTheSystemReady() throws Exception {
		Fault fault = CommandFault.of("true", "true", null, this.folder.resolve("commands.log"));
		Timeline timeline = new Timeline(System.nanoTime());

		fault.run(Duration.ZERO, timeline);
		Recovery recovery = timeline.recovery();

		assertThat(recovery.readyAfterHealingSeconds()).isNotNull();
		assertThat(recovery.readyAfterFaultOnSeconds()).isGreaterThanOrEqualTo(recovery.readyAfterHealingSeconds());
	}

	@Test
	void failsWhenTheEvidenceSaysTheFaultDidNotHappen() throws Exception {
		Fault fault = CommandFault.of("true", "true", "echo still the same container; false",
				this.folder.resolve("commands.log"));

		fault.run(Duration.ZERO, new Timeline(System.nanoTime()));
		Check check = fault.tookEffect();

		assertThat(check.passed()).isFalse();
		assertThat(check.figure()).contains("exited 1", "still the same container");
	}

	@Test
	void aFaultThatCannotBeInjectedStopsTheDrillButIsStillHealed() throws Exception {
		Path healed = this.folder.resolve("healed");
		Fault fault = CommandFault.of("exit 3", "touch " + healed, null, this.folder.resolve("commands.log"));

		assertThatIllegalStateException().isThrownBy(() -> fault.run(Duration.ZERO, new Timeline(System.nanoTime())))
			.withMessageContaining("could not be injected");
		fault.heal();

		assertThat(healed).exists();
		assertThat(fault.tookEffect().passed()).isFalse();
	}

}
