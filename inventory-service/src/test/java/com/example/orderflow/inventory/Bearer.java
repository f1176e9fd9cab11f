package com.example.orderflow.inventory;

import com.example.orderflow.servicesecurity.test.TestIssuer;

/**
 * {@code Authorization} header values signed by the test issuer, which each test class
 * points the service at with {@link TestIssuer#register}.
 */
public final class Bearer {

	private Bearer() {
	}

	/** A customer: browses the catalogue, changes nothing. */
	public static String customer(String customerId) {
		return "Bearer " + TestIssuer.shared().customer(customerId);
	}

	/** Support staff or a tool: changes products, sees reservations. */
	public static String operator() {
		return "Bearer " + TestIssuer.shared().operator();
	}

}
