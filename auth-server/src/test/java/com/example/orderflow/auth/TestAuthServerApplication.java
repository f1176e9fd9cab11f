package com.example.orderflow.auth;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.UUID;
import java.util.stream.Stream;

import com.example.orderflow.messaging.test.TestDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;

/**
 * Runs auth-server from the IDE on a fresh database of the local PostgreSQL server, with
 * a new signing key and a random tools secret, which it logs: get an operator token with
 * {@code curl -u orderflow-tools:SECRET -d grant_type=client_credentials
 * http://127.0.0.1:9000/oauth2/token}.
 */
public final class TestAuthServerApplication {

	private static final Logger log = LoggerFactory.getLogger(TestAuthServerApplication.class);

	private TestAuthServerApplication() {
	}

	public static void main(String[] args) {
		TestDatabase database = TestDatabase.create("auth");
		Path keys = TestKeys.newDirectory();
		TestKeys.write(keys, LocalDate.now().toString());
		String toolsSecret = UUID.randomUUID().toString();
		log.info("Keys in {}; tools client secret for this run: {}", keys, toolsSecret);
		String[] settings = { "--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + database.user(),
				"--spring.datasource.password=" + database.password(), "--auth.keys.dir=" + keys,
				"--auth.clients.tools.secret=" + toolsSecret };
		SpringApplication.from(AuthServerApplication::main)
			.run(Stream.concat(Stream.of(settings), Stream.of(args)).toArray(String[]::new));
	}

}
