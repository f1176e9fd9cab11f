package com.example.orderflow.servicesecurity;

/**
 * The roles tokens carry (in the claim {@code AUTH_ROLES_CLAIM}, {@code roles} by
 * default), as Spring Security sees them: {@code ROLE_} and the claim's value.
 */
public final class Roles {

	/** Acts on their own orders, account and payments. */
	public static final String CUSTOMER = "customer";

	/**
	 * Support staff and tools: reads and acts for any customer, runs the operator
	 * actions.
	 */
	public static final String OPERATOR = "operator";

	/** For {@code @PreAuthorize} on the operator actions. */
	public static final String OPERATOR_ONLY = "hasRole('" + OPERATOR + "')";

	private Roles() {
	}

}
