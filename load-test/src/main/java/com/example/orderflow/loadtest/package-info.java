/**
 * The benchmark behind {@code ./stack bench}: orders through the gateway at a fixed rate
 * or at saturation, completion observed on Kafka, CPU read from /proc for every process
 * of the stack, cost counts per saga from Kafka's offsets and PostgreSQL's statistics.
 */
package com.example.orderflow.loadtest;
