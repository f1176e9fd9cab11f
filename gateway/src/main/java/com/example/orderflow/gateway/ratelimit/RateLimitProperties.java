package com.example.orderflow.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A client is a principal (a valid token's) or, for requests without one, an address.
 *
 * @param replenishRate requests per second one client may send on average
 * @param burstCapacity requests one client may send at once after being quiet
 * @param maxClients clients tracked one by one; any further ones share a single limit
 * until quiet clients are forgotten, so a flood of addresses cannot exhaust memory
 */
@ConfigurationProperties("gateway.rate-limit")
record RateLimitProperties(@DefaultValue("5000") double replenishRate, @DefaultValue("10000") long burstCapacity,
		@DefaultValue("100000") int maxClients) {

	RateLimitProperties {
		if (!(replenishRate > 0) || Double.isInfinite(replenishRate)) {
			throw new IllegalArgumentException("gateway.rate-limit.replenish-rate must be a positive number");
		}
		if (burstCapacity < 1) {
			throw new IllegalArgumentException("gateway.rate-limit.burst-capacity must be at least 1");
		}
		if (maxClients < 1) {
			throw new IllegalArgumentException("gateway.rate-limit.max-clients must be at least 1");
		}
	}

}
