package com.example.orderflow.messaging;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LockedRowsTests {

	@Test
	void aKeyTheStatementDidNotFindIsLookedUpAndMissingSoItIsNotLockedAgain() {
		LockedRows<String, String> rows = new LockedRows<>();

		rows.found(List.of("a", "b"), Map.of("a", "row a"));

		assertThat(rows.get("a")).hasValue("row a");
		assertThat(rows.isLookedUp("b")).isTrue();
		assertThat(rows.get("b")).isEmpty();
		assertThat(rows.notLookedUp(List.of("a", "b", "c", "c", "d"))).containsExactly("c", "d");
	}

	@Test
	void whatTheTransactionWroteIsWhatItReadsNext() {
		LockedRows<String, String> rows = new LockedRows<>();
		rows.found(List.of("a"), Map.of());

		rows.put("a", "inserted");

		assertThat(rows.get("a")).hasValue("inserted");
		assertThat(rows.get("never looked up")).isEmpty();
		assertThat(rows.isLookedUp("never looked up")).isFalse();
	}

}
