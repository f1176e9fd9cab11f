/**
 * The correctness auditor of the chaos drills: reads every service's state through its
 * REST API and metrics, and the dead-letter topics, and checks the invariants that must
 * hold however the run was disturbed.
 */
package com.example.orderflow.loadtest.chaos.audit;
