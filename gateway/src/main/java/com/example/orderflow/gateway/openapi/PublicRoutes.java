package com.example.orderflow.gateway.openapi;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Reads the gateway's own route definitions, so the published document can only contain
 * paths the gateway really forwards, to the service that really answers them.
 */
@Component
class PublicRoutes {

	// filters that change the forwarded path in ways the mapping below cannot follow
	private static final Set<String> PATH_REWRITING_FILTERS = Set.of("PrefixPath", "RewritePath", "SetPath");

	private final RouteDefinitionLocator routeDefinitions;

	PublicRoutes(RouteDefinitionLocator routeDefinitions) {
		this.routeDefinitions = routeDefinitions;
	}

	Mono<List<DocumentedService>> documentedServices() {
		return this.routeDefinitions.getRouteDefinitions().collectList().map(PublicRoutes::documentedServices);
	}

	/**
	 * Groups routes by the service they forward to. Only HTTP routes that match on
	 * {@code Path} and strip exactly the {@code /api} segment qualify: for any other
	 * route the service's own paths say nothing about the public ones.
	 */
	static List<DocumentedService> documentedServices(List<RouteDefinition> definitions) {
		Map<URI, List<String>> routeIds = new LinkedHashMap<>();
		Map<URI, List<PathPattern>> patterns = new LinkedHashMap<>();
		for (RouteDefinition definition : definitions) {
			URI uri = definition.getUri();
			List<PathPattern> paths = pathPatterns(definition);
			if (uri == null || !isHttp(uri) || paths.isEmpty() || stripPrefixParts(definition) != 1) {
				continue;
			}
			URI service = withoutTrailingSlash(uri);
			routeIds.computeIfAbsent(service, (key) -> new ArrayList<>()).add(definition.getId());
			patterns.computeIfAbsent(service, (key) -> new ArrayList<>()).addAll(paths);
		}
		List<DocumentedService> services = new ArrayList<>();
		routeIds.forEach((uri, ids) -> services.add(new DocumentedService(uri, ids, patterns.get(uri))));
		return services;
	}

	private static boolean isHttp(URI uri) {
		return "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
	}

	private static URI withoutTrailingSlash(URI uri) {
		String text = uri.toString();
		return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
	}

	// Shortcut ("Path=/a,/b") and full notation both end up as argument values.
	private static List<PathPattern> pathPatterns(RouteDefinition definition) {
		List<PathPattern> patterns = new ArrayList<>();
		for (PredicateDefinition predicate : definition.getPredicates()) {
			if (!"Path".equals(predicate.getName())) {
				continue;
			}
			for (String value : predicate.getArgs().values()) {
				for (String pattern : value.split(",")) {
					if (pattern.trim().startsWith("/")) {
						patterns.add(PathPatternParser.defaultInstance.parse(pattern.trim()));
					}
				}
			}
		}
		return patterns;
	}

	private static int stripPrefixParts(RouteDefinition definition) {
		int parts = 0;
		for (FilterDefinition filter : definition.getFilters()) {
			if (PATH_REWRITING_FILTERS.contains(filter.getName())) {
				return -1;
			}
			if ("StripPrefix".equals(filter.getName())) {
				// StripPrefix without an argument strips one part
				String value = filter.getArgs().values().stream().findFirst().orElse("1");
				try {
					parts += Integer.parseInt(value.trim());
				}
				catch (NumberFormatException ex) {
					return -1;
				}
			}
		}
		return parts;
	}

}
