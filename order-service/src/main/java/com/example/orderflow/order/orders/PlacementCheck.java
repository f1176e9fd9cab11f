package com.example.orderflow.order.orders;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
		Answers answers = remembered(request).orElseGet(() -> askAll(request));
		Lookup account = answers.account();
		List<Lookup> products = answers.products();
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
	 * The answers remembered for every thing the order names, on the caller's thread:
	 * usually all of them are, and no thread is started.
	 */
	private Optional<Answers> remembered(PlaceOrder request) {
		Optional<Lookup> account = this.catalog.rememberedAccount(request.customerId());
		List<Lookup> products = new ArrayList<>();
		for (OrderItem item : request.items()) {
			Optional<Lookup> product = this.catalog.rememberedProduct(item.sku());
			if (product.isEmpty()) {
				return Optional.empty();
			}
			products.add(product.get());
		}
		return account.map((found) -> new Answers(found, products));
	}

	/**
	 * In parallel, so an order of many items waits about as long as for one call, and at
	 * most about one timeout when a service hangs; each lookup runs in the caller's
	 * security context, whose token it passes on.
	 */
	private Answers askAll(PlaceOrder request) {
		try (ExecutorService lookups = new DelegatingSecurityContextExecutorService(
				Executors.newVirtualThreadPerTaskExecutor())) {
			Future<Lookup> accountLookup = lookups.submit(() -> this.catalog.account(request.customerId()));
			List<Future<Lookup>> productLookups = request.items()
				.stream()
				.map((item) -> lookups.submit(() -> this.catalog.product(item.sku())))
				.toList();
			List<Lookup> products = new ArrayList<>();
			for (Future<Lookup> lookup : productLookups) {
				products.add(resultOf(lookup));
			}
			return new Answers(resultOf(accountLookup), products);
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

	/** What the catalog said about the customer's account and each item's product. */
	private record Answers(Lookup account, List<Lookup> products) {
	}

}
