/**
 * The saga orchestrator: runs each placed order through inventory and payment and decides
 * its outcome.
 */
package com.example.orderflow.orchestrator;
