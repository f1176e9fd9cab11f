package com.example.orderflow.servicesecurity;

import java.util.Objects;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who is calling, for the checks a URL rule cannot make: whether this caller may see or
 * act on a given customer's data. A controller method declares a {@code Caller} parameter
 * to get it.
 *
 * @param name the token's principal (the customer id, for a customer)
 * @param operator whether the token carries the operator role
 */
public record Caller(String name, boolean operator) {

	public Caller {
		Objects.requireNonNull(name, "name");
	}

	static Caller of(Authentication authentication) {
		boolean operator = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.anyMatch(("ROLE_" + Roles.OPERATOR)::equals);
		return new Caller(authentication.getName(), operator);
	}

	/**
	 * Customers act only for themselves; operators for anyone.
	 * @param customerId the customer who owns the data
	 * @return whether this caller may read or change it
	 */
	public boolean mayActFor(String customerId) {
		return this.operator || this.name.equals(customerId);
	}

}
