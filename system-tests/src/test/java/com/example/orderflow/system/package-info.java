/**
 * Tests across real processes: the four services run as their own JVMs, from their
 * executable jars, against the real PostgreSQL server and a real Kafka broker.
 */
package com.example.orderflow.system;
