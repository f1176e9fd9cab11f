package com.example.orderflow.gateway.openapi;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import static com.example.orderflow.gateway.openapi.OpenApiFixtures.route;
import static org.assertj.core.api.Assertions.assertThat;

class PublicRoutesTests {

	@Test
	void groupsTheRoutesOfOneServiceTogether() {
		List<DocumentedService> services = PublicRoutes
			.documentedServices(List.of(route("orders", "http://orders:8081", "Path=/api/orders,/api/orders/**"),
					route("accounts", "http://payments:8083", "Path=/api/accounts/**"),
					route("payments", "http://payments:8083/", "Path=/api/payments,/api/payments/**")));
		assertThat(services).extracting(DocumentedService::uri)
			.containsExactly(URI.create("http://orders:8081"), URI.create("http://payments:8083"));
		assertThat(services.get(1).routeIds()).containsExactly("accounts", "payments");
		assertThat(services.get(1).name()).isEqualTo("accounts");
	}

	@Test
	void mapsAServicePathToThePublicPathItsRouteForwards() {
		DocumentedService payments = OpenApiFixtures.paymentService();
		assertThat(payments.publicPathOf("/accounts/{customerId}")).contains("/api/accounts/{customerId}");
		assertThat(payments.publicPathOf("/payments")).contains("/api/payments");
		assertThat(payments.publicPathOf("/accountsx")).isEmpty();
		assertThat(payments.publicPathOf("/internal/ledger")).isEmpty();
		assertThat(payments.publicPathOf("/orders")).isEmpty();
	}

	@Test
	void leavesOutRoutesWhosePublicPathsCannotBeDerivedFromTheServicePaths() {
		List<DocumentedService> services = PublicRoutes
			.documentedServices(List.of(route("unstripped", "http://a:1", "Path=/api/a/**", "AddRequestHeader=X-A,1"),
					route("stripped-twice", "http://b:1", "Path=/api/b/**", "StripPrefix=2"),
					route("rewritten", "http://c:1", "Path=/api/c/**", "StripPrefix=1",
							"RewritePath=/c/(?<rest>.*),/${rest}"),
					route("load-balanced", "lb://d", "Path=/api/d/**"),
					route("by-host", "http://e:1", "Host=*.example.org")));
		assertThat(services).isEmpty();
	}

}
