/**
 * Reliable messaging on PostgreSQL and Kafka: a transactional outbox and its relay, an
 * inbox that drops redeliveries in the same transaction as their effect, and
 * dead-lettering.
 */
package com.example.orderflow.messaging;
