package com.example.orderflow.servicesecurity.test;

/**
 * {@code Authorization} header values signed by the test issuer, which a test class
 * points the service at with {@link TestIssuer#register}.
 */
public final class Bearer {

	private Bearer() {
	}

	/** A customer acting on their own behalf: the token's subject is the customer id. */
	public static String customer(String customerId) {
		return "Bearer " + TestIssuer.shared().customer(customerId);
	}

	/** Support staff or a tool: acts for any customer. */
	public static String operator() {
		return "Bearer " + TestIssuer.shared().operator();
	}

}
