/**
 * Test infrastructure shared by every service's tests: one real KRaft broker per test JVM
 * and a fresh database per application context on the real local PostgreSQL server.
 */
package com.example.orderflow.messaging.test;
