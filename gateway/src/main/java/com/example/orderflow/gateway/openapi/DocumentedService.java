package com.example.orderflow.gateway.openapi;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

/**
 * A service behind the gateway together with the public paths the gateway routes to it.
 *
 * @param uri where the gateway forwards to
 * @param routeIds the routes that forward there, in configuration order
 * @param publicPatterns the public path patterns of those routes
 */
record DocumentedService(URI uri, List<String> routeIds, List<PathPattern> publicPatterns) {

	static final String PUBLIC_PREFIX = "/api";

	DocumentedService {
		if (routeIds.isEmpty()) {
			throw new IllegalArgumentException("A documented service needs at least one route");
		}
		routeIds = List.copyOf(routeIds);
		publicPatterns = List.copyOf(publicPatterns);
	}

	String name() {
		return this.routeIds.getFirst();
	}

	/**
	 * The public path of a path the service documents, if a route of this service
	 * forwards that public path (routes strip {@value #PUBLIC_PREFIX}).
	 */
	Optional<String> publicPathOf(String servicePath) {
		if (!servicePath.startsWith("/")) {
			return Optional.empty();
		}
		String publicPath = PUBLIC_PREFIX + servicePath;
		PathContainer container = PathContainer.parsePath(publicPath);
		return this.publicPatterns.stream().anyMatch((pattern) -> pattern.matches(container)) ? Optional.of(publicPath)
				: Optional.empty();
	}

}
