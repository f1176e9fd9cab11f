package com.example.orderflow.loadtest.chaos;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import com.example.orderflow.loadtest.Shop;

/**
 * The customers, deposits, products and stock a drill starts from, all new and named
 * after the run so that the audit can account for every unit and every cent, whatever
 * else the stack holds; and the mix of orders it places. Most orders should be approved;
 * some must be rejected: customers whose deposit is too small (PAYMENT_DECLINED) and a
 * product that runs out (OUT_OF_STOCK), so both outcomes are exercised under the fault.
 */
record DrillSetup(String runId, List<String> customers, List<String> poorCustomers, List<Product> products,
		Product scarce) {

	static final int CUSTOMERS = 20;

	static final long DEPOSIT = 10_000_000;

	/** Less than any product's price. */
	static final long POOR_DEPOSIT = 500;

	static DrillSetup create(String runId) {
		List<String> customers = new ArrayList<>();
		for (int i = 1; i <= CUSTOMERS; i++) {
			customers.add("chaos-%s-c%02d".formatted(runId, i));
		}
		List<String> poor = List.of("chaos-%s-poor1".formatted(runId), "chaos-%s-poor2".formatted(runId));
		List<Product> products = List.of(new Product("SKU-CHAOS-" + runId + "-A", 1500, 1_000_000),
				new Product("SKU-CHAOS-" + runId + "-B", 700, 1_000_000));
		return new DrillSetup(runId, customers, poor, products,
				new Product("SKU-CHAOS-" + runId + "-SCARCE", 2000, 10));
	}

	void open(Shop shop) throws IOException, InterruptedException {
		for (Product product : allProducts()) {
			shop.putProduct(product.sku(), "Chaos drill " + this.runId, product.unitPrice(), product.stock());
		}
		for (Map.Entry<String, Long> deposit : deposits().entrySet()) {
			shop.deposit(deposit.getKey(), deposit.getValue());
		}
	}

	/**
	 * 84 in 100 orders for one or two products in stock, 8 from a poor customer, 8 for
	 * the scarce product.
	 */
	String nextOrder(RandomGenerator random) {
		int dice = random.nextInt(100);
		if (dice < 8) {
			return order(this.poorCustomers.get(random.nextInt(this.poorCustomers.size())),
					Map.of(this.products.getFirst().sku(), 1));
		}
		String customer = this.customers.get(random.nextInt(this.customers.size()));
		if (dice < 16) {
			return order(customer, Map.of(this.scarce.sku(), 1 + random.nextInt(2)));
		}
		Map<String, Integer> items = new LinkedHashMap<>();
		items.put(this.products.get(random.nextInt(this.products.size())).sku(), 1 + random.nextInt(3));
		if (random.nextBoolean()) {
			for (Product product : this.products) {
				items.putIfAbsent(product.sku(), 1 + random.nextInt(3));
			}
		}
		return order(customer, items);
	}

	Map<String, Long> deposits() {
		Map<String, Long> deposits = new LinkedHashMap<>();
		this.customers.forEach((customer) -> deposits.put(customer, DEPOSIT));
		this.poorCustomers.forEach((customer) -> deposits.put(customer, POOR_DEPOSIT));
		return deposits;
	}

	Map<String, Integer> startingStock() {
		Map<String, Integer> stock = new LinkedHashMap<>();
		allProducts().forEach((product) -> stock.put(product.sku(), product.stock()));
		return stock;
	}

	List<String> allCustomers() {
		return List.copyOf(deposits().keySet());
	}

	private List<Product> allProducts() {
		List<Product> all = new ArrayList<>(this.products);
		all.add(this.scarce);
		return all;
	}

	private static String order(String customer, Map<String, Integer> items) {
		List<String> lines = new ArrayList<>();
		items.forEach((sku, quantity) -> lines.add("{\"sku\":\"%s\",\"quantity\":%d}".formatted(sku, quantity)));
		return "{\"customerId\":\"%s\",\"currency\":\"EUR\",\"items\":[%s]}".formatted(customer,
				String.join(",", lines));
	}

	record Product(String sku, long unitPrice, int stock) {

	}

}
