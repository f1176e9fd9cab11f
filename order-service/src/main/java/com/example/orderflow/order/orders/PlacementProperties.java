package com.example.orderflow.order.orders;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxBatch how many new orders at most one transaction writes
 * ({@link PlacementWriter}); more waiting go into the next
 */
@ConfigurationProperties("order.placement")
record PlacementProperties(@DefaultValue("100") int maxBatch) {

	PlacementProperties {
		if (maxBatch < 1) {
			throw new IllegalArgumentException("order.placement.max-batch must be positive, was " + maxBatch);
		}
	}

}
