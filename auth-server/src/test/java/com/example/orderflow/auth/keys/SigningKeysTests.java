package com.example.orderflow.auth.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import com.example.orderflow.auth.TestKeys;
import com.nimbusds.jose.jwk.JWK;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

class SigningKeysTests {

	private final Path dir = TestKeys.newDirectory();

	@Test
	void theLastFileNameSignsAndEveryKeyIsPublishedWithoutItsPrivateHalf() {
		TestKeys.write(this.dir, "2026-03-01");
		TestKeys.write(this.dir, "2026-11-15");
		TestKeys.write(this.dir, "2025-12-31");

		SigningKeys keys = new SigningKeys(this.dir);

		assertThat(keys.signing().getKeyID()).isEqualTo("2026-11-15");
		assertThat(keys.signing().isPrivate()).isTrue();
		assertThat(keys.published().getKeys()).extracting(JWK::getKeyID)
			.containsExactly("2025-12-31", "2026-03-01", "2026-11-15");
		assertThat(keys.published().getKeys()).noneMatch(JWK::isPrivate);
	}

	@Test
	void aKeyAddedLaterSignsFromTheNextUseOnAndTheOldOneStaysPublished() {
		TestKeys.write(this.dir, "2026-01-01");
		SigningKeys keys = new SigningKeys(this.dir);
		assertThat(keys.signing().getKeyID()).isEqualTo("2026-01-01");

		TestKeys.write(this.dir, "2026-02-01");

		assertThat(keys.signing().getKeyID()).isEqualTo("2026-02-01");
		assertThat(keys.published().getKeys()).extracting(JWK::getKeyID).containsExactly("2026-01-01", "2026-02-01");
	}

	@Test
	void aKeyReplacedUnderTheSameNameIsReadAgain() throws IOException {
		Path file = TestKeys.write(this.dir, "k");
		SigningKeys keys = new SigningKeys(this.dir);
		String before = keys.signing().getModulus().toString();

		TestKeys.write(this.dir, "k");
		Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

		assertThat(keys.signing().getModulus().toString()).isNotEqualTo(before);
	}

	@Test
	void aRemovedKeyIsNoLongerPublished() throws IOException {
		Path old = TestKeys.write(this.dir, "2026-01-01");
		TestKeys.write(this.dir, "2026-02-01");
		SigningKeys keys = new SigningKeys(this.dir);

		Files.delete(old);

		assertThat(keys.published().getKeys()).extracting(JWK::getKeyID).containsExactly("2026-02-01");
	}

	@Test
	void unreadableFilesAndOtherNamesAreLeftOut() throws IOException {
		TestKeys.write(this.dir, "2026-01-01");
		Files.writeString(this.dir.resolve("2026-05-01.pem"), "-----BEGIN PRIVATE KEY-----\nnot a key\n");
		TestKeys.write(this.dir, "2026-06-01", 1024);
		Files.writeString(this.dir.resolve("2026-07-01.pem"), "-----BEGIN RSA PRIVATE KEY-----\n...");
		Files.writeString(this.dir.resolve("README"), "not a key");

		SigningKeys keys = new SigningKeys(this.dir);

		assertThat(keys.published().getKeys()).extracting(JWK::getKeyID).containsExactly("2026-01-01");
	}

	@Test
	void withNoUsableKeyLeftTheKeysReadBeforeStayInUse() throws IOException {
		Path only = TestKeys.write(this.dir, "2026-01-01");
		SigningKeys keys = new SigningKeys(this.dir);

		Files.delete(only);

		assertThat(keys.signing().getKeyID()).isEqualTo("2026-01-01");
	}

	@Test
	void anEmptyDirectoryIsRefusedNamingTheCommandThatCreatesAKey() {
		assertThatExceptionOfType(NoSigningKeyException.class).isThrownBy(() -> new SigningKeys(this.dir))
			.withMessageContaining(this.dir.toString())
			.withMessageContaining("openssl genpkey -algorithm RSA");
	}

	@Test
	void aMissingDirectoryIsRefused() {
		assertThatExceptionOfType(NoSigningKeyException.class)
			.isThrownBy(() -> new SigningKeys(this.dir.resolve("missing")))
			.withMessageContaining("Cannot list");
	}

	@Test
	void whatTheDocumentedOpensslCommandWritesIsRead() throws Exception {
		assumeThat(Path.of("/usr/bin/openssl")).exists();
		Path file = this.dir.resolve("2026-12-02.pem");
		Process openssl = new ProcessBuilder("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt",
				"rsa_keygen_bits:2048", "-out", file.toString())
			.redirectErrorStream(true)
			.start();
		assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(openssl.exitValue()).isZero();

		assertThat(new SigningKeys(this.dir).signing().getKeyID()).isEqualTo("2026-12-02");
	}

}
