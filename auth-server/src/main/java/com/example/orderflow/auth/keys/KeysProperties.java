package com.example.orderflow.auth.keys;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param dir the directory of the signing keys: one RSA private key per file, PKCS#8 PEM,
 * named {@code <kid>.pem}; the last name in sort order signs
 */
@ConfigurationProperties("auth.keys")
record KeysProperties(@Nullable Path dir) {

	static final String HOW_TO_CREATE = "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048"
			+ " -out \"$AUTH_KEYS_DIR/$(date +%F).pem\"";

	KeysProperties {
		if (dir == null || dir.toString().isBlank()) {
			throw new NoSigningKeyException("auth.keys.dir is not set: set AUTH_KEYS_DIR to a directory holding"
					+ " the signing keys and create the first one with " + HOW_TO_CREATE);
		}
	}

}
