/**
 * The docker compose demo and the Kubernetes manifests, checked by real third-party
 * validators and against what the services' code and configuration actually read, since
 * neither can run on a machine without Docker or a cluster.
 */
package com.example.orderflow.system.deployment;
