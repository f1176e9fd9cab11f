package com.example.orderflow.loadtest.chaos;

import java.time.Duration;

import com.example.orderflow.loadtest.chaos.fault.Drill;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ChaosSettingsTests {

	@Test
	void runsTheLoadUntilHalfAMinuteAfterTheDrillsOwnFaultEnds() {
		ChaosSettings pause = ChaosSettings.parse(new String[] { "pause-inventory" });
		ChaosSettings kill = ChaosSettings.parse(new String[] { "--rate", "5", "kill-order" });

		assertThat(pause.drill()).isEqualTo(Drill.PAUSE_INVENTORY);
		assertThat(pause.faultFor()).isEqualTo(Duration.ofSeconds(60));
		assertThat(pause.duration()).isEqualTo(Duration.ofSeconds(15 + 60 + 30));
		assertThat(kill.duration()).as("at least a minute").isEqualTo(Duration.ofSeconds(60));
		assertThat(kill.rate()).isEqualTo(5);
		assertThat(kill.settle()).isEqualTo(Duration.ofMinutes(11));
		assertThat(kill.service()).isEqualTo("payment-service");
	}

	@Test
	void takesTheTimingAndWhereTheStackIsFromTheCommandLine() {
		ChaosSettings settings = ChaosSettings.parse(new String[] { "replay", "--service", "inventory-service",
				"--duration", "10", "--fault-at", "2", "--fault-for", "3", "--settle", "90", "--inventory-service",
				"http://127.0.0.1:18082", "--kafka", "127.0.0.1:19092" });

		assertThat(settings.duration()).isEqualTo(Duration.ofSeconds(10));
		assertThat(settings.faultAt()).isEqualTo(Duration.ofSeconds(2));
		assertThat(settings.faultFor()).isEqualTo(Duration.ofSeconds(3));
		assertThat(settings.settle()).isEqualTo(Duration.ofSeconds(90));
		assertThat(settings.endpoints().inventory()).isEqualTo("http://127.0.0.1:18082");
		assertThat(settings.kafka()).isEqualTo("127.0.0.1:19092");
		assertThat(settings.described()).containsEntry("replayedService", "inventory-service");
	}

	@Test
	void namesTheExternalDrillAfterItsLabelAndNeedsItsCommands() {
		ChaosSettings external = ChaosSettings
			.parse(new String[] { "external", "--name", "compose-kill-payment", "--inject", "docker kill x", "--heal",
					"docker compose up -d --wait", "--gateway", "http://127.0.0.1:18080" });

		assertThat(external.drill()).isEqualTo(Drill.EXTERNAL);
		assertThat(external.label()).isEqualTo("compose-kill-payment");
		assertThat(external.external().inject()).isEqualTo("docker kill x");
		assertThat(external.external().evidence()).isNull();
		assertThat(external.described()).containsEntry("heal", "docker compose up -d --wait");
		assertThat(ChaosSettings.parse(new String[] { "cut-kafka", "--service", "inventory-service" }).label())
			.isEqualTo("cut-kafka");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ChaosSettings.parse(new String[] { "external", "--inject", "docker kill x" }))
			.withMessageContaining("--inject and --heal");
		assertThatIllegalArgumentException().isThrownBy(() -> ChaosSettings
			.parse(new String[] { "external", "--name", "../x", "--inject", "true", "--heal", "true" }));
	}

	@Test
	void listsTheDrillsWithoutAName() {
		assertThat(ChaosSettings.parse(new String[] { "list" }).drill()).isNull();
		assertThat(ChaosSettings.parse(new String[0]).drill()).isNull();
	}

	@Test
	void refusesWhatItDoesNotKnow() {
		assertThatIllegalArgumentException().isThrownBy(() -> ChaosSettings.parse(new String[] { "kill-gateway" }))
			.withMessage("no drill named kill-gateway");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ChaosSettings.parse(new String[] { "psp-slow", "--fault-length", "3" }))
			.withMessage("unknown option --fault-length");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ChaosSettings.parse(new String[] { "replay", "--service", "gateway" }));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ChaosSettings.parse(new String[] { "psp-slow", "--rate", "0" }));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ChaosSettings.parse(new String[] { "psp-slow", "--rate" }));
		assertThat(ChaosDrills.run(new String[] { "psp-slow", "kill-order" })).as("the usage's exit status")
			.isEqualTo(2);
	}

}
