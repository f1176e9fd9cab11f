package com.example.orderflow.messaging;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs an action once the current transaction has committed, and never if it rolls back:
 * for effects outside the database (waking a worker, counting a metric) that must follow
 * what was stored, and only that.
 */
public final class AfterCommit {

	private AfterCommit() {
	}

	/**
	 * @throws IllegalStateException outside a transaction, where the action could not be
	 * tied to a commit
	 */
	public static void run(Runnable action) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			throw new IllegalStateException("no transaction to run after: " + action);
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				action.run();
			}

		});
	}

}
