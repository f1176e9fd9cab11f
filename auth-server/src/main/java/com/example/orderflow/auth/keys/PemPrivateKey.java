package com.example.orderflow.auth.keys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * Reads what {@code openssl genpkey -algorithm RSA} writes: an unencrypted PKCS#8 PEM
 * private key, from which the public half is derived.
 */
final class PemPrivateKey {

	private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";

	private static final String END = "-----END PRIVATE KEY-----";

	// what RS256 needs at least (RFC 7518, 3.3); Nimbus refuses to sign with less
	static final int MIN_BITS = 2048;

	private PemPrivateKey() {
	}

	/**
	 * @throws IllegalArgumentException naming what is wrong with the text
	 */
	static RSAKey parse(String pem, String kid) {
		if (pem.contains("BEGIN RSA PRIVATE KEY")) {
			throw new IllegalArgumentException("is PKCS#1 (BEGIN RSA PRIVATE KEY); convert it with"
					+ " openssl pkcs8 -topk8 -nocrypt -in OLD -out NEW, or create it with openssl genpkey");
		}
		int begin = pem.indexOf(BEGIN);
		int end = pem.indexOf(END);
		if (begin < 0 || end < begin) {
			throw new IllegalArgumentException("is not an unencrypted PKCS#8 PEM private key (" + BEGIN + ")");
		}
		RSAPrivateCrtKey privateKey = decode(pem.substring(begin + BEGIN.length(), end));
		if (privateKey.getModulus().bitLength() < MIN_BITS) {
			throw new IllegalArgumentException("has " + privateKey.getModulus().bitLength() + " bits, fewer than the "
					+ MIN_BITS + " that RS256 needs");
		}
		return new RSAKey.Builder(publicKeyOf(privateKey)).privateKey(privateKey)
			.keyID(kid)
			.keyUse(KeyUse.SIGNATURE)
			.algorithm(JWSAlgorithm.RS256)
			.build();
	}

	private static RSAPrivateCrtKey decode(String base64) {
		byte[] der;
		try {
			der = Base64.getMimeDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("is not valid PEM (" + ex.getMessage() + ")", ex);
		}
		try {
			if (KeyFactory.getInstance("RSA")
				.generatePrivate(new PKCS8EncodedKeySpec(der)) instanceof RSAPrivateCrtKey key) {
				return key;
			}
			throw new IllegalArgumentException("is not an RSA private key with its CRT parameters");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("is not a readable RSA private key (" + ex.getMessage() + ")", ex);
		}
	}

	private static RSAPublicKey publicKeyOf(RSAPrivateCrtKey privateKey) {
		try {
			return (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Every JVM has the RSA key factory", ex);
		}
	}

}
