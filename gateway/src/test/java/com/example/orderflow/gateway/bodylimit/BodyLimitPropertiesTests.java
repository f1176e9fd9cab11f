package com.example.orderflow.gateway.bodylimit;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class BodyLimitPropertiesTests {

	@Test
	void limitsBodiesTo64KilobytesByDefault() {
		assertThat(bind(Map.of()).maxRequestBody()).isEqualTo(DataSize.ofKilobytes(64));
		assertThat(bind(Map.of()).maxBytes()).isEqualTo(65536);
	}

	@Test
	void takesTheLimitFromGatewayMaxRequestBody() {
		assertThat(bind(Map.of("gateway.max-request-body", "1MB")).maxBytes()).isEqualTo(1024 * 1024);
	}

	@Test
	void rejectsALimitThatDoesNotFitInMemory() {
		assertThatException().isThrownBy(() -> bind(Map.of("gateway.max-request-body", "3GB")))
			.withRootCauseInstanceOf(IllegalArgumentException.class);
	}

	private static BodyLimitProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("gateway",
				BodyLimitProperties.class);
	}

}
