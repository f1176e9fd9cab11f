package com.example.orderflow.payment.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;

import com.example.orderflow.contracts.Money;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Balances change only through conditional updates, so two instances charging the same
 * customer at once can never take the balance below zero (the check constraint is the
 * last line of defence, not the first).
 */
@Repository
public class AccountRepository {

	private static final String COLUMNS = "customer_id, currency, balance, created_at, updated_at";

	private final JdbcClient jdbc;

	AccountRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Account> find(String customerId) {
		return this.jdbc.sql("select " + COLUMNS + " from accounts where customer_id = ?")
			.param(customerId)
			.query(AccountRepository::account)
			.optional();
	}

	Optional<Account> findForUpdate(String customerId) {
		return this.jdbc.sql("select " + COLUMNS + " from accounts where customer_id = ? for update")
			.param(customerId)
			.query(AccountRepository::account)
			.optional();
	}

	/**
	 * @return false if the account exists already (perhaps opened by a concurrent
	 * request)
	 */
	boolean open(String customerId, String currency) {
		return this.jdbc
			.sql("insert into accounts (customer_id, currency, balance) values (?, ?, 0) "
					+ "on conflict (customer_id) do nothing")
			.param(customerId)
			.param(currency)
			.update() == 1;
	}

	/**
	 * Adds {@code amount} and records the deposit.
	 * @return the account after the deposit, or empty if it would pass
	 * {@link Account#MAX_BALANCE}
	 */
	Optional<Account> deposit(String customerId, long amount) {
		Optional<Account> account = this.jdbc
			.sql("update accounts set balance = balance + :amount, updated_at = now() "
					+ "where customer_id = :customerId and balance <= :max - :amount returning " + COLUMNS)
			.param("amount", amount)
			.param("customerId", customerId)
			.param("max", Account.MAX_BALANCE)
			.query(AccountRepository::account)
			.optional();
		account.ifPresent((deposited) -> this.jdbc.sql("insert into deposits (customer_id, amount) values (?, ?)")
			.param(customerId)
			.param(amount)
			.update());
		return account;
	}

	/**
	 * Takes {@code amount} if the account exists, is in that currency and covers it, all
	 * in one statement: a concurrent debit waits for the row lock and then re-checks the
	 * balance it would leave.
	 * @return whether the account was debited
	 */
	public boolean debit(String customerId, Money amount) {
		return this.jdbc
			.sql("update accounts set balance = balance - :amount, updated_at = now() "
					+ "where customer_id = :customerId and currency = :currency and balance >= :amount")
			.param("amount", amount.amount())
			.param("customerId", customerId)
			.param("currency", amount.currency())
			.update() == 1;
	}

	/**
	 * Gives back an amount taken by {@link #debit}; the account and its currency exist
	 * because the debit succeeded.
	 */
	public void credit(String customerId, Money amount) {
		int updated = this.jdbc
			.sql("update accounts set balance = balance + :amount, updated_at = now() "
					+ "where customer_id = :customerId and currency = :currency")
			.param("amount", amount.amount())
			.param("customerId", customerId)
			.param("currency", amount.currency())
			.update();
		if (updated != 1) {
			throw new IllegalStateException("no " + amount.currency() + " account " + customerId + " to credit");
		}
	}

	private static Account account(ResultSet rs, int row) throws SQLException {
		return new Account(rs.getString("customer_id"), rs.getString("currency"), rs.getLong("balance"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant());
	}

}
