package com.example.orderflow.order.orders;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.example.orderflow.contracts.OrderItem;
import com.example.orderflow.order.catalog.Catalog;
import com.example.orderflow.order.catalog.Lookup;
import com.example.orderflow.order.orders.UnplaceableOrderException.Reason;

import org.springframework.security.concurrent.DelegatingSecurityContextExecutorService;
import org.springframework.stereotype.Component;

/**
 * Refuses an order that the saga could only reject: an unknown customer or sku, or a
 * currency other than the account's or a product's.
 * <p>
 * Availability wins over early validation: when inventory-service or payment-service
 * cannot answer (down, slow, failing), the order is accepted unchecked rather than
 * refused, because the saga checks everything again and rejects what is invalid, while
 * refusing would turn an outage of either service into one of order placement. Only a
 * definite 404 refuses an order. The price is that a client hears about an invalid order
 * later, as a rejected order, while either service is down.
 */
@Component
class PlacementCheck {

	private final Catalog catalog;

	PlacementCheck(Catalog catalog) {
		this.catalog = catalog;
	}

	/**
	 * @throws UnplaceableOrderException listing every reason at once
	 */
	void check(PlaceOrder request) {
		Lookup account = this.catalog.rememberedAccount(request.customerId()).orElse(null);
		List<Lookup> products = new ArrayList<>();
		request.items().forEach((item) -> products.add(this.catalog.rememberedProduct(item.sku()).orElse(null)));
		if (account == null || products.contains(null)) {
			account = lookUpForgotten(request, account, products);
		}
		List<Reason> reasons = new ArrayList<>();
		switch (account) {
			case Lookup.NotFound notFound -> reasons.add(new Reason("customerId", "has no account"));
			case Lookup.Found found when !found.currency().equals(request.currency()) -> reasons.add(
					new Reason("currency", "must be " + found.currency() + ", the currency of the customer's account"));
			default -> {
			}
		}
		for (int i = 0; i < products.size(); i++) {
			OrderItem item = request.items().get(i);
			String field = "items[" + i + "].sku";
			switch (products.get(i)) {
				case Lookup.NotFound notFound -> reasons.add(new Reason(field, "no product " + item.sku()));
				case Lookup.Found found when !found.currency().equals(request.currency()) ->
					reasons.add(new Reason(field,
							item.sku() + " is sold in " + found.currency() + ", not in " + request.currency()));
				default -> {
				}
			}
		}
		if (!reasons.isEmpty()) {
			throw new UnplaceableOrderException(reasons);
		}
	}

	/**
	 * Asks for what is not remembered (usually everything is, and no thread is started):
	 * in parallel, so an order of many items waits about as long as for one call, and at
	 * most about one timeout when a service hangs; each lookup runs in the caller's
	 * security context, whose token it passes on.
	 * @param account the remembered account, or null to ask for it
	 * @param products the remembered products, null where one is to be asked for: filled
	 * in
	 * @return the account
	 */
	private Lookup lookUpForgotten(PlaceOrder request, Lookup account, List<Lookup> products) {
		try (ExecutorService lookups = new DelegatingSecurityContextExecutorService(
				Executors.newVirtualThreadPerTaskExecutor())) {
			Future<Lookup> accountLookup = (account != null) ? null
					: lookups.submit(() -> this.catalog.account(request.customerId()));
			List<Future<Lookup>> productLookups = new ArrayList<>();
			for (int i = 0; i < products.size(); i++) {
				String sku = request.items().get(i).sku();
				productLookups.add((products.get(i) != null) ? null : lookups.submit(() -> this.catalog.product(sku)));
			}
			for (int i = 0; i < products.size(); i++) {
				if (productLookups.get(i) != null) {
					products.set(i, resultOf(productLookups.get(i)));
				}
			}
			return (accountLookup != null) ? resultOf(accountLookup) : account;
		}
	}

	private static Lookup resultOf(Future<Lookup> lookup) {
		try {
			return lookup.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Lookup.Unavailable("interrupted");
		}
		catch (Exception ex) {
			return new Lookup.Unavailable(ex.toString());
		}
	}

}
