/**
 * Framework wiring of the orchestrator: clock and scheduling.
 */
package com.example.orderflow.orchestrator.config;
