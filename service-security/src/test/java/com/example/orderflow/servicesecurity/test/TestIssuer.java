package com.example.orderflow.servicesecurity.test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A stand-in for the authorization server: publishes its public keys at
 * {@code /oauth2/jwks} over real HTTP, so the resource server under test fetches and
 * caches them as it does in production, and signs tokens like the real issuer's (subject,
 * {@code roles}, audience {@code orderflow-api}, 15 minutes). {@link #token} builds the
 * bad ones: expired, another audience or issuer, signed by a key it never published,
 * {@code alg: none}. One per test JVM ({@link #shared()}).
 */
public final class TestIssuer implements AutoCloseable {

	public static final String AUDIENCE = "orderflow-api";

	public static final String TOOLS_CLIENT = "orderflow-tools";

	private static final AtomicInteger keyCount = new AtomicInteger();

	private static TestIssuer shared;

	private final HttpServer server;

	private final List<RSAKey> published = new CopyOnWriteArrayList<>();

	private final AtomicInteger jwkSetRequests = new AtomicInteger();

	private TestIssuer() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.published.add(newKey());
		this.server.createContext("/oauth2/jwks", (exchange) -> {
			this.jwkSetRequests.incrementAndGet();
			List<JWK> keys = new ArrayList<>(this.published.stream().map(RSAKey::toPublicJWK).toList());
			byte[] body = new JWKSet(keys).toString().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.start();
	}

	/** The issuer every test in this JVM shares; started on first use. */
	public static synchronized TestIssuer shared() {
		if (shared == null) {
			shared = new TestIssuer();
			Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
		}
		return shared;
	}

	/** Points the resource server's {@code AUTH_*} settings at this issuer. */
	public static void register(DynamicPropertyRegistry registry) {
		TestIssuer issuer = shared();
		registry.add("AUTH_ISSUER", issuer::uri);
		registry.add("AUTH_JWK_SET_URI", issuer::jwkSetUri);
	}

	public String uri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public String jwkSetUri() {
		return uri() + "/oauth2/jwks";
	}

	/** How often a resource server fetched the key set: proves it caches. */
	public int jwkSetRequests() {
		return this.jwkSetRequests.get();
	}

	/** A valid token for a customer: subject the customer id, role customer. */
	public String customer(String customerId) {
		return token().subject(customerId).roles("customer").sign();
	}

	/** A valid token for the tools client, role operator. */
	public String operator() {
		return token().subject(TOOLS_CLIENT).roles("operator").sign();
	}

	/** A valid token by default; each method makes it bad in one way. */
	public Token token() {
		return new Token(this);
	}

	/**
	 * A new key signs from now on; the old ones stay published, as the real issuer does,
	 * so tokens signed before keep working until they expire.
	 */
	public void rotate() {
		this.published.add(newKey());
	}

	RSAKey signingKey() {
		return this.published.get(this.published.size() - 1);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	static RSAKey newKey() {
		try {
			return new RSAKeyGenerator(2048).keyID("test-key-" + keyCount.incrementAndGet()).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** One token, valid unless told otherwise. */
	public static final class Token {

		private final TestIssuer issuer;

		private final JWTClaimsSet.Builder claims;

		private Token(TestIssuer issuer) {
			this.issuer = issuer;
			Instant now = Instant.now();
			this.claims = new JWTClaimsSet.Builder().issuer(issuer.uri())
				.subject("alice")
				.audience(AUDIENCE)
				.issueTime(Date.from(now))
				.notBeforeTime(Date.from(now))
				.expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
				.jwtID(UUID.randomUUID().toString())
				.claim("roles", List.of("customer"));
		}

		public Token subject(String subject) {
			this.claims.subject(subject);
			return this;
		}

		/** No roles at all with none given. */
		public Token roles(String... roles) {
			this.claims.claim("roles", List.of(roles));
			return this;
		}

		public Token audience(String audience) {
			this.claims.audience(audience);
			return this;
		}

		public Token issuer(String issuer) {
			this.claims.issuer(issuer);
			return this;
		}

		/** Expired this long ago (beyond any clock skew a resource server allows). */
		public Token expiredAgo(Duration ago) {
			Instant expired = Instant.now().minus(ago);
			this.claims.issueTime(Date.from(expired.minus(Duration.ofMinutes(15))))
				.notBeforeTime(Date.from(expired.minus(Duration.ofMinutes(15))))
				.expirationTime(Date.from(expired));
			return this;
		}

		/** Signed with the issuer's current key. */
		public String sign() {
			return sign(this.issuer.signingKey());
		}

		/** Signed by a key the issuer never published, under the current key's id. */
		public String forge() {
			try {
				RSAKey stranger = new RSAKeyGenerator(2048).keyID(this.issuer.signingKey().getKeyID()).generate();
				return sign(stranger);
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/** {@code alg: none}: no signature at all. */
		public String unsigned() {
			return new PlainJWT(this.claims.build()).serialize();
		}

		private String sign(RSAKey key) {
			return signWith(key, this.claims.build());
		}

	}

	/** Signs claims with a key: for tests that hold a real issuer's key. */
	public static String signWith(RSAKey key, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
					claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
