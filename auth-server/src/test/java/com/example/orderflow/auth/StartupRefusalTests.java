package com.example.orderflow.auth;

import java.nio.file.Path;
import java.util.UUID;

import com.example.orderflow.messaging.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The server will not start without what it cannot do without, and says what to do in the
 * report an operator reads.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupRefusalTests {

	private static final TestDatabase database = TestDatabase.create("auth");

	@Test
	void refusesToStartWithoutAKeyDirectory(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start(null, UUID.randomUUID().toString()));

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("AUTH_KEYS_DIR")
			.contains("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048");
	}

	@Test
	void refusesToStartWithoutAKeyInTheDirectory(CapturedOutput output) {
		Path empty = TestKeys.newDirectory();

		assertThatException().isThrownBy(() -> start(empty, UUID.randomUUID().toString()));

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("No usable signing key in " + empty)
			.contains("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048");
	}

	@Test
	void refusesToStartWithoutTheToolsSecret(CapturedOutput output) {
		Path keys = TestKeys.newDirectory();
		TestKeys.write(keys, "2026-01-01");

		assertThatException().isThrownBy(() -> start(keys, ""));

		assertThat(output).contains("APPLICATION FAILED TO START").contains("AUTH_TOOLS_CLIENT_SECRET is not set");
	}

	private static void start(Path keys, String toolsSecret) {
		SpringApplication
			.run(AuthServerApplication.class, "--server.port=0", "--spring.datasource.url=" + database.url(),
					"--spring.datasource.username=" + database.user(),
					"--spring.datasource.password=" + database.password(),
					"--auth.keys.dir=" + ((keys != null) ? keys : ""), "--auth.clients.tools.secret=" + toolsSecret)
			.close();
	}

}
