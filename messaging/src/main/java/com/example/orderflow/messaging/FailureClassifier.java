package com.example.orderflow.messaging;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure that may pass (the database is restarting, a deadlock, a lock timeout)
 * from one that never will (a message no handler can apply). The first is retried with
 * the whole batch; the second sends its message to the dead-letter topic.
 */
class FailureClassifier {

	boolean isTransient(Throwable failure) {
		for (Throwable t = failure; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
			if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
					|| t instanceof DataAccessResourceFailureException
					|| t instanceof PessimisticLockingFailureException || t instanceof CannotCreateTransactionException
					|| t instanceof TransactionSystemException || t instanceof SQLTransientException
					|| t instanceof SQLRecoverableException) {
				return true;
			}
			if (t instanceof SQLException sql && isTransientSqlState(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * 08: connection, 40: serialization failure or deadlock, 53: out of resources, 57P:
	 * the server is shutting down, 55P03: lock not available.
	 */
	private static boolean isTransientSqlState(String state) {
		return state != null && (state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
				|| state.startsWith("57P") || state.equals("55P03"));
	}

}
