package com.example.orderflow.webproblems;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxRequestBody the largest request body a service takes, the gateway's limit by
 * default: a service reached on its own port must not take what the gateway refuses
 */
@ConfigurationProperties("service")
public record RequestBodyLimitProperties(@DefaultValue("64KB") DataSize maxRequestBody) {

	public RequestBodyLimitProperties {
		if (maxRequestBody.isNegative() || maxRequestBody.toBytes() >= Integer.MAX_VALUE) {
			throw new IllegalArgumentException("service.max-request-body must be between 0 and 2GB");
		}
	}

	int maxBytes() {
		return (int) this.maxRequestBody.toBytes();
	}

}
