package com.example.orderflow.webproblems;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * A whole service around {@link ThingController} for the tests that need a real Tomcat,
 * with everything Boot and this library configure.
 */
@EnableAutoConfiguration
@Import(ThingController.class)
class ThingServer {

	@Bean
	ThingController.Things things() {
		return new ThingController.Things();
	}

}
