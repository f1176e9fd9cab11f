/**
 * Framework wiring of the orchestrator: clock, randomness and scheduling.
 */
package com.example.orderflow.orchestrator.config;
