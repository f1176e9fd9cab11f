package com.example.orderflow.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.util.Locale;

import org.springframework.web.server.ServerWebExchange;

/**
 * Whom a request is counted against.
 *
 * @param kind what the name is
 * @param name the token's principal name or the remote address
 */
record Client(Kind kind, String name) {

	static Client principal(String name) {
		return new Client(Kind.PRINCIPAL, name);
	}

	/**
	 * The remote address of the connection. {@code X-Forwarded-For} is not read: any
	 * caller can send one. Behind a trusted proxy, setting
	 * {@code server.forward-headers-strategy} makes the remote address the proxy's
	 * client.
	 */
	static Client addressOf(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		if (remote == null) {
			return new Client(Kind.ADDRESS, "unknown");
		}
		return new Client(Kind.ADDRESS,
				(remote.getAddress() != null) ? remote.getAddress().getHostAddress() : remote.getHostString());
	}

	/**
	 * The kind is part of the key: a principal named like an address gets its own bucket.
	 */
	String key() {
		return this.kind.tag() + ":" + this.name;
	}

	enum Kind {

		/** A valid token's principal name. */
		PRINCIPAL,

		/** No token, or one that was refused: the connection's remote address. */
		ADDRESS;

		/** The value of the metrics' {@code key} tag. */
		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
