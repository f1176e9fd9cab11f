/**
 * Framework wiring of the orchestrator: clock, randomness, scheduling and the API
 * description's security scheme.
 */
package com.example.orderflow.orchestrator.config;
