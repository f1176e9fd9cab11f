package com.example.orderflow.messaging;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rows one transaction has locked, by key, and the keys it looked up and found no row
 * for: a repository that locks a whole batch's rows with one statement answers each
 * message's lookup from here, with what the transaction itself wrote since. Kept in a
 * {@link BeforeCommit} buffer, so it lives as long as the transaction.
 */
public final class LockedRows<K, V> {

	/** An empty value: looked up, and no such row exists. */
	private final Map<K, Optional<V>> rows = new HashMap<>();

	/**
	 * Locks the rows of those keys this transaction has not looked up yet, with one call
	 * of {@code lockRows} (none if it has looked them all up), and records what it found.
	 * @param lockRows the statement that locks the rows of the keys it is given
	 * @param keyOf a row's key
	 */
	public void lock(Collection<K> keys, Function<List<K>, List<V>> lockRows, Function<V, K> keyOf) {
		List<K> toLock = notLookedUp(keys);
		if (toLock.isEmpty()) {
			return;
		}
		Map<K, V> found = new HashMap<>();
		lockRows.apply(toLock).forEach((row) -> found.put(keyOf.apply(row), row));
		found(toLock, found);
	}

	/** The keys among these that this transaction has not looked up yet, each once. */
	public List<K> notLookedUp(Collection<K> keys) {
		return keys.stream().filter((key) -> !this.rows.containsKey(key)).distinct().toList();
	}

	/** What one statement found of these keys: every key it did not find has no row. */
	public void found(Collection<K> keys, Map<K, V> found) {
		keys.forEach((key) -> this.rows.put(key, Optional.ofNullable(found.get(key))));
	}

	public boolean isLookedUp(K key) {
		return this.rows.containsKey(key);
	}

	/** The row as this transaction sees it; empty if missing or not looked up. */
	public Optional<V> get(K key) {
		return this.rows.getOrDefault(key, Optional.empty());
	}

	/** The row as this transaction wrote it. */
	public void put(K key, V row) {
		this.rows.put(key, Optional.of(row));
	}

}
