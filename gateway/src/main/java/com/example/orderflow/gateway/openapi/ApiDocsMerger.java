package com.example.orderflow.gateway.openapi;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Merges the services' OpenAPI documents into the public one: paths get the public
 * {@code /api} prefix and only routed ones stay, components are shared where identical
 * and renamed ({@code <service>.<Name>}) where two services mean different things by one
 * name, and operation ids stay unique across services. Components that no published path
 * uses are left out, so the public document does not describe internal endpoints.
 */
final class ApiDocsMerger {

	static final String TITLE = "orderflow public API";

	static final String UNAVAILABLE = "x-unavailable";

	private static final String DEFAULT_OPENAPI_VERSION = "3.1.0";

	private static final String COMPONENTS_PREFIX = "#/components/";

	private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
			"trace");

	// referenced by name from security requirements, not by $ref
	private static final String SECURITY_SCHEMES = "securitySchemes";

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private ApiDocsMerger() {
	}

	static ObjectNode merge(List<ServiceDocs> services) {
		Map<String, JsonNode> paths = new TreeMap<>();
		Map<String, Map<String, JsonNode>> components = new TreeMap<>();
		Map<String, JsonNode> tags = new LinkedHashMap<>();
		Set<String> operationIds = new HashSet<>();
		List<String> unavailable = new ArrayList<>();
		String version = null;
		for (ServiceDocs docs : services) {
			DocumentedService service = docs.service();
			if (docs.document() == null || !docs.document().isObject()) {
				unavailable.addAll(service.routeIds());
				continue;
			}
			ObjectNode document = (ObjectNode) docs.document().deepCopy();
			if (version == null && document.path("openapi").isString()) {
				version = document.path("openapi").stringValue();
			}
			renameConflictingComponents(document, components, service.name());
			List<JsonNode> published = new ArrayList<>();
			for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
				service.publicPathOf(path.getKey()).ifPresent((publicPath) -> {
					makeOperationIdsUnique(path.getValue(), operationIds, service.name());
					paths.put(publicPath, path.getValue());
					published.add(path.getValue());
				});
			}
			addUsedComponents(document.path("components"), published, components);
			addUsedTags(document.path("tags"), published, tags);
		}
		return document(version, paths, components, tags, unavailable);
	}

	private static ObjectNode document(String version, Map<String, JsonNode> paths,
			Map<String, Map<String, JsonNode>> components, Map<String, JsonNode> tags, List<String> unavailable) {
		ObjectNode merged = nodes.objectNode();
		merged.put("openapi", (version != null) ? version : DEFAULT_OPENAPI_VERSION);
		ObjectNode info = merged.putObject("info");
		info.put("title", TITLE);
		info.put("version", "v1");
		merged.putArray("servers").addObject().put("url", "/");
		if (!tags.isEmpty()) {
			merged.putArray("tags").addAll(tags.values());
		}
		ObjectNode mergedPaths = merged.putObject("paths");
		paths.forEach(mergedPaths::set);
		if (!components.isEmpty()) {
			ObjectNode mergedComponents = merged.putObject("components");
			components.forEach((type, named) -> {
				ObjectNode byName = mergedComponents.putObject(type);
				named.forEach(byName::set);
			});
		}
		if (!unavailable.isEmpty()) {
			ArrayNode list = merged.putArray(UNAVAILABLE);
			unavailable.stream().sorted().forEach(list::add);
		}
		return merged;
	}

	/**
	 * Gives this document's components a service-specific name wherever an already merged
	 * component of the same name differs. Renaming a component changes every component
	 * referring to it, which may create new differences, hence the loop.
	 */
	private static void renameConflictingComponents(ObjectNode document, Map<String, Map<String, JsonNode>> merged,
			String serviceName) {
		JsonNode components = document.path("components");
		Map<String, String> renames = new HashMap<>();
		boolean found = true;
		while (found) {
			found = false;
			JsonNode candidate = components.deepCopy();
			rewriteReferences(candidate, renames);
			for (Map.Entry<String, JsonNode> type : candidate.properties()) {
				Map<String, JsonNode> existing = merged.getOrDefault(type.getKey(), Map.of());
				for (Map.Entry<String, JsonNode> component : type.getValue().properties()) {
					String reference = reference(type.getKey(), component.getKey());
					JsonNode same = existing.get(component.getKey());
					if (same != null && !same.equals(component.getValue()) && !renames.containsKey(reference)) {
						renames.put(reference, reference(type.getKey(), serviceName + "." + component.getKey()));
						found = true;
					}
				}
			}
		}
		if (renames.isEmpty()) {
			return;
		}
		rewriteReferences(document, renames);
		for (Map.Entry<String, JsonNode> type : components.properties()) {
			if (!(type.getValue() instanceof ObjectNode byName)) {
				continue;
			}
			for (String name : new ArrayList<>(byName.propertyNames())) {
				String renamed = renames.get(reference(type.getKey(), name));
				if (renamed != null) {
					byName.set(renamed.substring(renamed.lastIndexOf('/') + 1), byName.remove(name));
				}
			}
		}
	}

	// Any string equal to a renamed reference is one: "$ref" values, but also
	// discriminator mappings, which point at schemas the same way.
	private static void rewriteReferences(JsonNode node, Map<String, String> renames) {
		if (renames.isEmpty()) {
			return;
		}
		if (node instanceof ObjectNode object) {
			for (String name : new ArrayList<>(object.propertyNames())) {
				JsonNode value = object.get(name);
				if (value.isString() && renames.containsKey(value.stringValue())) {
					object.put(name, renames.get(value.stringValue()));
				}
				else {
					rewriteReferences(value, renames);
				}
			}
		}
		else if (node instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				JsonNode value = array.get(i);
				if (value.isString() && renames.containsKey(value.stringValue())) {
					array.set(i, renames.get(value.stringValue()));
				}
				else {
					rewriteReferences(value, renames);
				}
			}
		}
	}

	private static void makeOperationIdsUnique(JsonNode pathItem, Set<String> taken, String serviceName) {
		for (Map.Entry<String, JsonNode> operation : pathItem.properties()) {
			JsonNode id = operation.getValue().path("operationId");
			if (!OPERATIONS.contains(operation.getKey()) || !id.isString()) {
				continue;
			}
			String unique = id.stringValue();
			if (taken.contains(unique)) {
				unique = serviceName + "_" + id.stringValue();
				for (int suffix = 2; taken.contains(unique); suffix++) {
					unique = serviceName + "_" + id.stringValue() + "_" + suffix;
				}
				((ObjectNode) operation.getValue()).put("operationId", unique);
			}
			taken.add(unique);
		}
	}

	private static void addUsedComponents(JsonNode components, List<JsonNode> published,
			Map<String, Map<String, JsonNode>> merged) {
		Set<String> used = new HashSet<>();
		Deque<JsonNode> pending = new ArrayDeque<>(published);
		while (!pending.isEmpty()) {
			for (String reference : references(pending.pop())) {
				String[] parts = reference.substring(COMPONENTS_PREFIX.length()).split("/");
				if (parts.length == 2 && used.add(reference)) {
					JsonNode component = components.path(parts[0]).path(parts[1]);
					if (!component.isMissingNode()) {
						pending.push(component);
					}
				}
			}
		}
		for (Map.Entry<String, JsonNode> type : components.properties()) {
			for (Map.Entry<String, JsonNode> component : type.getValue().properties()) {
				if (type.getKey().equals(SECURITY_SCHEMES)
						|| used.contains(reference(type.getKey(), component.getKey()))) {
					merged.computeIfAbsent(type.getKey(), (key) -> new TreeMap<>())
						.putIfAbsent(component.getKey(), component.getValue());
				}
			}
		}
	}

	private static Set<String> references(JsonNode node) {
		Set<String> references = new HashSet<>();
		collectReferences(node, references);
		return references;
	}

	private static void collectReferences(JsonNode node, Set<String> references) {
		if (node.isString() && node.stringValue().startsWith(COMPONENTS_PREFIX)) {
			references.add(node.stringValue());
		}
		for (JsonNode child : node.values()) {
			collectReferences(child, references);
		}
	}

	private static void addUsedTags(JsonNode declared, List<JsonNode> published, Map<String, JsonNode> merged) {
		Set<String> used = new HashSet<>();
		for (JsonNode pathItem : published) {
			for (JsonNode operation : pathItem.values()) {
				for (JsonNode tag : operation.path("tags").values()) {
					used.add(tag.asString());
				}
			}
		}
		for (JsonNode tag : declared.values()) {
			String name = tag.path("name").asString();
			if (used.contains(name)) {
				merged.putIfAbsent(name, tag);
			}
		}
	}

	private static String reference(String type, String name) {
		return COMPONENTS_PREFIX + type + "/" + name;
	}

}
