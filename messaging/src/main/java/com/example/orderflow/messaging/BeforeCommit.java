package com.example.orderflow.messaging;

import java.util.function.Consumer;
import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes that a transaction collects while it runs and stores with one statement just
 * before it commits: a batch of a few hundred messages then costs one round trip and one
 * statement instead of one each. Nothing is written if the transaction rolls back.
 */
public final class BeforeCommit {

	private BeforeCommit() {
	}

	/**
	 * The current transaction's buffer under {@code key}: created on first use, handed to
	 * {@code flush} just before the transaction commits, and forgotten when it ends.
	 * @throws IllegalStateException outside a transaction, where nothing would flush it
	 */
	public static <T> T buffer(Object key, Supplier<T> create, Consumer<T> flush) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("no transaction to write " + key + " in");
		}
		@SuppressWarnings("unchecked")
		T buffer = (T) TransactionSynchronizationManager.getResource(key);
		if (buffer != null) {
			return buffer;
		}
		T created = create.get();
		TransactionSynchronizationManager.bindResource(key, created);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void beforeCommit(boolean readOnly) {
				flush.accept(created);
			}

			@Override
			public void afterCompletion(int status) {
				TransactionSynchronizationManager.unbindResourceIfPossible(key);
			}

		});
		return created;
	}

}
