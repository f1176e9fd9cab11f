package com.example.orderflow.webproblems;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which causes make a transaction that cannot start an outage (503) rather than a bug
 * (500).
 */
class FallbackProblemsTests {

	@Test
	void aPoolOutOfConnectionsIsAnOutage() {
		assertThat(FallbackProblems.isOutage(new SQLTransientConnectionException("Connection is not available")))
			.isTrue();
	}

	@Test
	void aConnectionExceptionBySqlStateIsAnOutage() {
		assertThat(FallbackProblems.isOutage(new SQLException("Connection refused", "08001"))).isTrue();
		assertThat(FallbackProblems.isOutage(new SQLException("connection failure", "08006"))).isTrue();
	}

	@Test
	void aDataAccessResourceFailureOrTransientFailureIsAnOutage() {
		assertThat(FallbackProblems.isOutage(new CannotGetJdbcConnectionException("x"))).isTrue();
		assertThat(FallbackProblems.isOutage(new QueryTimeoutException("lock wait timeout"))).isTrue();
	}

	@Test
	void findsTheOutageFurtherDownTheCauses() {
		assertThat(FallbackProblems
			.isOutage(new IllegalStateException("wrapped", new RuntimeException(new SQLException("refused", "08001")))))
			.isTrue();
	}

	@Test
	void anythingElseIsNotAnOutage() {
		assertThat(FallbackProblems.isOutage(null)).isFalse();
		assertThat(FallbackProblems.isOutage(new IllegalStateException("nested transactions not supported"))).isFalse();
		assertThat(FallbackProblems.isOutage(new SQLException("syntax error", "42601"))).isFalse();
		assertThat(FallbackProblems.isOutage(new SQLException("no state"))).isFalse();
		assertThat(FallbackProblems.isOutage(new DataIntegrityViolationException("duplicate key"))).isFalse();
	}

}
