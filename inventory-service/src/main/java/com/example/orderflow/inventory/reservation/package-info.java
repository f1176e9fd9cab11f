/**
 * Stock held for one order: reserved, confirmed when the order is approved, released when
 * the saga compensates. Driven by the orchestrator's commands on Kafka.
 */
package com.example.orderflow.inventory.reservation;
