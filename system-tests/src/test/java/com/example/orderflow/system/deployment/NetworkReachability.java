package com.example.orderflow.system.deployment;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.openapi.models.V1IPBlock;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1LabelSelectorRequirement;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1NetworkPolicyEgressRule;
import io.kubernetes.client.openapi.models.V1NetworkPolicyIngressRule;
import io.kubernetes.client.openapi.models.V1NetworkPolicyPeer;
import io.kubernetes.client.openapi.models.V1NetworkPolicyPort;

/**
 * Whether a connection gets through a set of NetworkPolicies, by the rules of the
 * Kubernetes API: a pod selected by no policy of a direction is open in that direction; a
 * selected pod lets through only what one of its policies' rules allows; a connection
 * needs both the source's egress and the destination's ingress.
 */
final class NetworkReachability {

	private final String namespace;

	private final List<V1NetworkPolicy> policies;

	NetworkReachability(String namespace, List<V1NetworkPolicy> policies) {
		this.namespace = namespace;
		this.policies = List.copyOf(policies);
	}

	/** A pod, with its namespace, labels and named container ports. */
	record Pod(String name, String namespace, Map<String, String> labels, Map<String, Integer> namedPorts) {

		boolean inNamespace(String namespace) {
			return namespace.equals(this.namespace);
		}

		Map<String, String> namespaceLabels() {
			return Map.of("kubernetes.io/metadata.name", this.namespace);
		}

	}

	/** Either end of a connection: a pod, or an address outside the cluster. */
	record Endpoint(Pod pod, String address) {

		static Endpoint of(Pod pod) {
			return new Endpoint(pod, null);
		}

		static Endpoint outside(String address) {
			return new Endpoint(null, address);
		}

		@Override
		public String toString() {
			return (this.pod != null) ? this.pod.namespace() + "/" + this.pod.name() : this.address;
		}

	}

	boolean allows(Endpoint from, Endpoint to, String protocol, int port) {
		return egressAllows(from, to, protocol, port) && ingressAllows(from, to, protocol, port);
	}

	private boolean egressAllows(Endpoint from, Endpoint to, String protocol, int port) {
		if (from.pod() == null || !from.pod().inNamespace(this.namespace)) {
			return true;
		}
		List<V1NetworkPolicy> isolating = isolating(from.pod(), "Egress");
		return isolating.isEmpty() || isolating.stream()
			.flatMap((policy) -> Objects
				.requireNonNullElse(policy.getSpec().getEgress(), List.<V1NetworkPolicyEgressRule>of())
				.stream())
			.anyMatch((rule) -> peersMatch(rule.getTo(), to) && portsMatch(rule.getPorts(), to, protocol, port));
	}

	private boolean ingressAllows(Endpoint from, Endpoint to, String protocol, int port) {
		if (to.pod() == null || !to.pod().inNamespace(this.namespace)) {
			return true;
		}
		List<V1NetworkPolicy> isolating = isolating(to.pod(), "Ingress");
		return isolating.isEmpty() || isolating.stream()
			.flatMap((policy) -> Objects
				.requireNonNullElse(policy.getSpec().getIngress(), List.<V1NetworkPolicyIngressRule>of())
				.stream())
			.anyMatch((rule) -> peersMatch(rule.getFrom(), from) && portsMatch(rule.getPorts(), to, protocol, port));
	}

	/** The policies that select the pod and isolate it in this direction. */
	List<V1NetworkPolicy> isolating(Pod pod, String direction) {
		List<V1NetworkPolicy> isolating = new ArrayList<>();
		for (V1NetworkPolicy policy : this.policies) {
			if (selects(policy.getSpec().getPodSelector(), pod.labels()) && policyTypes(policy).contains(direction)) {
				isolating.add(policy);
			}
		}
		return isolating;
	}

	private static List<String> policyTypes(V1NetworkPolicy policy) {
		if (policy.getSpec().getPolicyTypes() != null) {
			return policy.getSpec().getPolicyTypes();
		}
		return (policy.getSpec().getEgress() != null) ? List.of("Ingress", "Egress") : List.of("Ingress");
	}

	/** No peers: every source or destination; otherwise any one peer. */
	private boolean peersMatch(List<V1NetworkPolicyPeer> peers, Endpoint endpoint) {
		if (peers == null || peers.isEmpty()) {
			return true;
		}
		return peers.stream().anyMatch((peer) -> peerMatches(peer, endpoint));
	}

	private boolean peerMatches(V1NetworkPolicyPeer peer, Endpoint endpoint) {
		if (peer.getIpBlock() != null) {
			return endpoint.address() != null && contains(peer.getIpBlock(), endpoint.address());
		}
		Pod pod = endpoint.pod();
		if (pod == null) {
			return false;
		}
		boolean namespaceMatches = (peer.getNamespaceSelector() != null)
				? selects(peer.getNamespaceSelector(), pod.namespaceLabels()) : pod.inNamespace(this.namespace);
		boolean podMatches = peer.getPodSelector() == null || selects(peer.getPodSelector(), pod.labels());
		return namespaceMatches && podMatches;
	}

	/** No ports: every port; a named port is looked up on the destination pod. */
	private static boolean portsMatch(List<V1NetworkPolicyPort> ports, Endpoint to, String protocol, int port) {
		if (ports == null || ports.isEmpty()) {
			return true;
		}
		return ports.stream().anyMatch((candidate) -> {
			if (!protocol.equals(Objects.requireNonNullElse(candidate.getProtocol(), "TCP"))) {
				return false;
			}
			IntOrString value = candidate.getPort();
			if (value == null) {
				return true;
			}
			if (!value.isInteger()) {
				return to.pod() != null && Objects.equals(to.pod().namedPorts().get(value.getStrValue()), port);
			}
			int last = (candidate.getEndPort() != null) ? candidate.getEndPort() : value.getIntValue();
			return value.getIntValue() <= port && port <= last;
		});
	}

	static boolean selects(V1LabelSelector selector, Map<String, String> labels) {
		if (selector == null) {
			return false;
		}
		for (Map.Entry<String, String> label : Objects
			.requireNonNullElse(selector.getMatchLabels(), Map.<String, String>of())
			.entrySet()) {
			if (!label.getValue().equals(labels.get(label.getKey()))) {
				return false;
			}
		}
		for (V1LabelSelectorRequirement requirement : Objects.requireNonNullElse(selector.getMatchExpressions(),
				List.<V1LabelSelectorRequirement>of())) {
			String value = labels.get(requirement.getKey());
			List<String> values = Objects.requireNonNullElse(requirement.getValues(), List.of());
			boolean matches = switch (requirement.getOperator()) {
				case "In" -> value != null && values.contains(value);
				case "NotIn" -> value == null || !values.contains(value);
				case "Exists" -> value != null;
				case "DoesNotExist" -> value == null;
				default -> throw new IllegalArgumentException("unknown operator " + requirement.getOperator());
			};
			if (!matches) {
				return false;
			}
		}
		return true;
	}

	private static boolean contains(V1IPBlock block, String address) {
		return inCidr(block.getCidr(), address) && Objects.requireNonNullElse(block.getExcept(), List.<String>of())
			.stream()
			.noneMatch((except) -> inCidr(except, address));
	}

	private static boolean inCidr(String cidr, String address) {
		try {
			String[] parts = cidr.split("/");
			byte[] network = InetAddress.getByName(parts[0]).getAddress();
			byte[] candidate = InetAddress.getByName(address).getAddress();
			if (network.length != candidate.length) {
				return false;
			}
			int bits = network.length * 8;
			int prefix = Integer.parseInt(parts[1]);
			BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(prefix).not();
			return new BigInteger(1, network).and(mask).equals(new BigInteger(1, candidate).and(mask));
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

}
