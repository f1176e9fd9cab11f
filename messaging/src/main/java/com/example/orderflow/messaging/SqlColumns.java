package com.example.orderflow.messaging;

import java.util.Collection;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Rows turned into one array parameter per column, for the set-based statements a batch
 * writes with ({@code insert ... select * from unnest(?::uuid[], ?::text[])}): one round
 * trip for the whole batch instead of one per row.
 */
public final class SqlColumns {

	private SqlColumns() {
	}

	/**
	 * @return each row's value as text, which PostgreSQL casts to the column's type (a
	 * uuid, an instant's ISO form, an enum's name); null stays null
	 */
	public static <T> @Nullable String[] of(Collection<T> rows, Function<T, @Nullable Object> value) {
		return rows.stream().map(value).map((each) -> (each != null) ? each.toString() : null).toArray(String[]::new);
	}

}
