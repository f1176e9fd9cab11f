package com.example.orderflow.inventory.stock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.example.orderflow.messaging.test.TestDatabase;
import com.example.orderflow.messaging.test.TestKafka;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

@SpringBootTest(properties = "spring.kafka.listener.auto-startup=false")
@ActiveProfiles("demo")
// one application context at a time: the command tests need the consumer group to
// themselves
@DirtiesContext
class DemoProductsIntegrationTests {

	static final TestDatabase database = TestDatabase.create("inventory");

	@Autowired
	ProductRepository products;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
	}

	@Test
	void demoProfileStocksTheDemoCatalogue() {
		assertThat(this.products.findAll())
			.extracting(Product::sku, Product::name, Product::unitPrice, Product::currency)
			.containsExactly(tuple("SKU-BOOK", "Designing Data-Intensive Applications", 4500L, "EUR"),
					tuple("SKU-LAMP", "Desk lamp", 3900L, "EUR"), tuple("SKU-MUG", "Saga mug", 1200L, "EUR"));
	}

	@Test
	void reapplyingTheDemoProductsNeverTakesStockBelowWhatIsReserved() throws IOException {
		this.jdbc.sql("update products set on_hand = 9, reserved = 7 where sku = 'SKU-LAMP'").update();
		String script = new ClassPathResource("db/demo/R__demo_products.sql")
			.getContentAsString(StandardCharsets.UTF_8);

		this.jdbc.sql(script).update();

		assertThat(this.products.find("SKU-LAMP")).get()
			.isEqualTo(new Product("SKU-LAMP", "Desk lamp", 3900, "EUR", 7, 7));
	}

}
