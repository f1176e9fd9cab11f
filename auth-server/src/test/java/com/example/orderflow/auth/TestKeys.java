package com.example.orderflow.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Signing keys made for a test, in a temporary directory, as {@code openssl genpkey}
 * writes them: no key is ever checked in.
 */
public final class TestKeys {

	private TestKeys() {
	}

	public static Path newDirectory() {
		try {
			Path dir = Files.createTempDirectory("auth-keys");
			dir.toFile().deleteOnExit();
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Writes {@code <kid>.pem}, a new 2048-bit RSA key, and returns its path. */
	public static Path write(Path dir, String kid) {
		return write(dir, kid, 2048);
	}

	public static Path write(Path dir, String kid, int bits) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(bits);
			String pem = "-----BEGIN PRIVATE KEY-----\n"
					+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
						.encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
					+ "\n-----END PRIVATE KEY-----\n";
			Path file = dir.resolve(kid + ".pem");
			Files.writeString(file, pem, StandardCharsets.US_ASCII);
			file.toFile().deleteOnExit();
			return file;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
