package com.example.orderflow.gateway.bodylimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxRequestBody largest request body the gateway forwards; the public API takes
 * small JSON documents, so anything bigger is a mistake or an attack
 */
@ConfigurationProperties("gateway")
record BodyLimitProperties(@DefaultValue("64KB") DataSize maxRequestBody) {

	BodyLimitProperties {
		if (maxRequestBody.isNegative() || maxRequestBody.toBytes() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("gateway.max-request-body must be between 0 and 2GB");
		}
	}

	int maxBytes() {
		return (int) this.maxRequestBody.toBytes();
	}

}
