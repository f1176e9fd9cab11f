package com.example.orderflow.auth.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys in one directory. Every use lists the directory and compares names, sizes and
 * modification times with the last reading; only a change makes it read the files again.
 * So a key added, replaced (a Kubernetes Secret swaps its files atomically) or removed
 * counts from the next request on, with no watcher thread and nothing to restart: a
 * listing costs microseconds, parsing only happens on a change.
 * <p>
 * A file that cannot be read as a key is left out with a warning (it may be half written:
 * its next size or time makes it read again). Should no usable key remain, the ones read
 * before stay in use, so a mistake in the directory never stops the issuer.
 */
class SigningKeys {

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	private static final String SUFFIX = ".pem";

	private final Path dir;

	private final Object reading = new Object();

	private volatile Reading current;

	SigningKeys(Path dir) {
		this.dir = dir;
		List<Entry> listing;
		try {
			listing = list();
		}
		catch (UncheckedIOException ex) {
			throw new NoSigningKeyException(
					"Cannot list the signing keys in " + dir + " (AUTH_KEYS_DIR): " + ex.getCause().getMessage()
							+ ". Create the directory and a first key with " + KeysProperties.HOW_TO_CREATE);
		}
		Reading first = read(listing);
		if (first.keys().isEmpty()) {
			throw new NoSigningKeyException("No usable signing key in " + dir + " (AUTH_KEYS_DIR): it needs an RSA"
					+ " private key of at least " + PemPrivateKey.MIN_BITS + " bits as PKCS#8 PEM in a file named"
					+ " <kid>.pem. Create one with " + KeysProperties.HOW_TO_CREATE);
		}
		this.current = first;
		log.info("Signing with key {} of {}; publishing {}", first.signing().getKeyID(), dir, first.kids());
	}

	/**
	 * Every key, public halves only: what the JWK set shows and tokens are verified with.
	 */
	JWKSet published() {
		return new JWKSet(keys().stream().map(JWK::toPublicJWK).toList());
	}

	/** The key that signs new tokens, private half included: the last file name. */
	RSAKey signing() {
		return keys().getLast();
	}

	private List<RSAKey> keys() {
		Reading last = this.current;
		List<Entry> listing;
		try {
			listing = list();
		}
		catch (UncheckedIOException ex) {
			log.warn("Cannot list {} ({}); still using keys {}", this.dir, ex.getCause().getMessage(), last.kids());
			return last.keys();
		}
		if (listing.equals(last.listing())) {
			return last.keys();
		}
		synchronized (this.reading) {
			last = this.current;
			if (!listing.equals(last.listing())) {
				Reading next = read(listing);
				if (next.keys().isEmpty()) {
					log.warn("No usable signing key left in {}; still using keys {}", this.dir, last.kids());
					// remembers the listing, so the warning is not repeated on every
					// request
					next = new Reading(listing, last.keys());
				}
				else {
					log.info("Signing keys changed in {}: signing with {}; publishing {}", this.dir,
							next.signing().getKeyID(), next.kids());
				}
				this.current = next;
			}
			return this.current.keys();
		}
	}

	private List<Entry> list() {
		try (Stream<Path> files = Files.list(this.dir)) {
			List<Entry> entries = new ArrayList<>();
			for (Path file : files.toList()) {
				String name = file.getFileName().toString();
				// Files.isRegularFile follows links: a Kubernetes Secret volume links
				// each key
				// into a hidden, timestamped directory
				if (name.endsWith(SUFFIX) && !name.startsWith(".") && Files.isRegularFile(file)) {
					entries.add(new Entry(name, Files.size(file), Files.getLastModifiedTime(file)));
				}
			}
			entries.sort(Comparator.comparing(Entry::name));
			return List.copyOf(entries);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Reading read(List<Entry> listing) {
		List<RSAKey> keys = new ArrayList<>();
		for (Entry entry : listing) {
			String kid = entry.name().substring(0, entry.name().length() - SUFFIX.length());
			try {
				keys.add(PemPrivateKey
					.parse(Files.readString(this.dir.resolve(entry.name()), StandardCharsets.US_ASCII), kid));
			}
			catch (IOException | IllegalArgumentException ex) {
				log.warn("Ignoring {} in {}: it {}", entry.name(), this.dir,
						(ex instanceof IOException) ? "cannot be read (" + ex.getMessage() + ")" : ex.getMessage());
			}
		}
		return new Reading(listing, List.copyOf(keys));
	}

	private record Entry(String name, long size, FileTime modified) {

	}

	/** What one listing held; keys in file name order. */
	private record Reading(List<Entry> listing, List<RSAKey> keys) {

		RSAKey signing() {
			return this.keys.getLast();
		}

		List<String> kids() {
			return this.keys.stream().map(RSAKey::getKeyID).toList();
		}

	}

}
