package com.example.orderflow.gateway.framing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxHeaderCount most header fields a request may carry: the services' Tomcat
 * refuses more than 100 (with an HTML page), so the gateway refuses them first, as a
 * problem
 */
@ConfigurationProperties("gateway")
record FramingProperties(@DefaultValue("100") int maxHeaderCount) {

	FramingProperties {
		if (maxHeaderCount < 1) {
			throw new IllegalArgumentException("gateway.max-header-count must be positive");
		}
	}

}
