/**
 * Message records and topic names of the order saga: the one place where every service
 * agrees on what travels over Kafka.
 */
package com.example.orderflow.contracts;
