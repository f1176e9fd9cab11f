package com.example.orderflow.gateway.ratelimit;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A client is a principal (a valid token's) or, for requests without one, an address.
 *
 * @param replenishRate requests per second one principal may send on average: enough for
 * a person, or a shop's front end acting as one, and little enough that one customer
 * cannot load the system for everyone
 * @param burstCapacity requests one principal may send at once after being quiet
 * @param addressReplenishRate requests per second one address may send without a valid
 * token: more than a person, since many people may share one address behind a proxy
 * @param addressBurstCapacity requests one address may send at once without a valid token
 * @param principals allowances of named principals that act for many people, such as the
 * tools client the benchmark and the chaos drills use
 * @param maxClients clients tracked one by one; any further ones share a single limit
 * until quiet clients are forgotten, so a flood of addresses cannot exhaust memory
 */
@ConfigurationProperties("gateway.rate-limit")
record RateLimitProperties(@DefaultValue("20") double replenishRate, @DefaultValue("40") long burstCapacity,
		@DefaultValue("100") double addressReplenishRate, @DefaultValue("200") long addressBurstCapacity,
		@DefaultValue Map<String, Quota> principals, @DefaultValue("100000") int maxClients) {

	RateLimitProperties {
		new Quota(replenishRate, burstCapacity);
		new Quota(addressReplenishRate, addressBurstCapacity);
		if (maxClients < 1) {
			throw new IllegalArgumentException("gateway.rate-limit.max-clients must be at least 1");
		}
		principals = Map.copyOf(principals);
	}

	/** One allowance for every client alike. */
	static RateLimitProperties uniform(double replenishRate, long burstCapacity, int maxClients) {
		return new RateLimitProperties(replenishRate, burstCapacity, replenishRate, burstCapacity, Map.of(),
				maxClients);
	}

	/** The allowance of a client, by its key ({@link Client#key()}). */
	Quota quotaOf(String clientKey) {
		if (clientKey.startsWith(Client.Kind.ADDRESS.tag() + ":")) {
			return new Quota(this.addressReplenishRate, this.addressBurstCapacity);
		}
		String principal = clientKey.substring(clientKey.indexOf(':') + 1);
		return this.principals.getOrDefault(principal, new Quota(this.replenishRate, this.burstCapacity));
	}

	/**
	 * @param replenishRate requests per second on average
	 * @param burstCapacity requests at once after being quiet
	 */
	record Quota(double replenishRate, long burstCapacity) {

		Quota {
			if (!(replenishRate > 0) || Double.isInfinite(replenishRate)) {
				throw new IllegalArgumentException("a rate limit's replenish-rate must be a positive number");
			}
			if (burstCapacity < 1) {
				throw new IllegalArgumentException("a rate limit's burst-capacity must be at least 1");
			}
		}

	}

}
