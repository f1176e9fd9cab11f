package com.example.orderflow.inventory.stock;

import com.example.orderflow.messaging.test.TestDatabase;
import com.example.orderflow.messaging.test.TestKafka;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static com.example.orderflow.inventory.stock.ProductFixtures.mugJson;
import static com.example.orderflow.inventory.stock.ProductFixtures.productJson;
import static com.example.orderflow.inventory.stock.ProductFixtures.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product API against the real database: the conflicts it reports depend on what is
 * reserved, which only the database knows.
 */
@SpringBootTest(properties = "spring.kafka.listener.auto-startup=false")
@AutoConfigureMockMvc
// one application context at a time: the command tests need the consumer group to
// themselves
@DirtiesContext
class ProductControllerIntegrationTests {

	static final TestDatabase database = TestDatabase.create("inventory");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
	}

	@Test
	void createsAProductWith201ThenUpdatesItWith200() {
		String sku = uniqueSku();

		assertThat(put(sku, productJson("Desk lamp", 3900, "EUR", 5))).hasStatus(HttpStatus.CREATED)
			.hasHeader("Location", "http://localhost/products/" + sku)
			.bodyJson()
			.isStrictlyEqualTo("""
					{"sku": "%s", "name": "Desk lamp", "unitPrice": 3900, "currency": "EUR",
					 "onHand": 5, "reserved": 0, "available": 5}
					""".formatted(sku));
		assertThat(put(sku, productJson("Desk lamp, brass", 4200, "EUR", 8))).hasStatus(HttpStatus.OK)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"name": "Desk lamp, brass", "unitPrice": 4200, "onHand": 8, "available": 8}
					""");
		assertThat(this.mvc.get().uri("/products/{sku}", sku)).hasStatusOk().bodyJson().isLenientlyEqualTo("""
				{"sku": "%s", "name": "Desk lamp, brass", "unitPrice": 4200, "onHand": 8}
				""".formatted(sku));
	}

	@Test
	void listsProductsSortedBySkuWithWhatIsAvailable() {
		String first = "A-" + uniqueSku();
		String second = "B-" + uniqueSku();
		put(second, mugJson(4)).assertThat().hasStatus(HttpStatus.CREATED);
		put(first, mugJson(3)).assertThat().hasStatus(HttpStatus.CREATED);
		reserve(second, 3);

		assertThat(this.mvc.get().uri("/products")).hasStatusOk().bodyJson().isLenientlyEqualTo("""
				[{"sku": "%s", "onHand": 3, "reserved": 0, "available": 3},
				 {"sku": "%s", "onHand": 4, "reserved": 3, "available": 1}]
				""".formatted(first, second));
	}

	@Test
	void unknownProductIsA404Problem() {
		assertThat(this.mvc.get().uri("/products/{sku}", "SKU-NOPE")).hasStatus(HttpStatus.NOT_FOUND)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"status": 404, "detail": "no product SKU-NOPE", "instance": "/products/SKU-NOPE"}
					""");
	}

	@Test
	void invalidBodyIsA400ProblemListingEveryInvalidField() {
		assertThat(put(uniqueSku(), """
				{"name": " ", "unitPrice": -1, "currency": "eur"}
				""")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactlyInAnyOrder("name", "unitPrice", "currency", "onHand");
	}

	@Test
	void invalidSkuIsA400ProblemNamingIt() {
		assertThat(put("bad sku!", mugJson(1))).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("sku");
	}

	@Test
	void unreadableBodiesAre400Problems() {
		assertThat(put(uniqueSku(), "{\"name\": ")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(put(uniqueSku(), productJson("Mug", 1, "EUR", 1).replace("\"unitPrice\": 1", "\"unitPrice\": 12.5")))
			.hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(put(uniqueSku(), productJson("Mug", 1, "EUR", 1).replace("\"onHand\": 1", "\"onHand\": \"lots\"")))
			.hasStatus(HttpStatus.BAD_REQUEST);
	}

	@Test
	void stockBelowWhatIsReservedIsA409Problem() {
		String sku = uniqueSku();
		put(sku, mugJson(5)).assertThat().hasStatus(HttpStatus.CREATED);
		reserve(sku, 3);

		assertThat(put(sku, mugJson(2))).hasStatus(HttpStatus.CONFLICT)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("3 units are reserved");
		assertThat(put(sku, mugJson(3))).hasStatus(HttpStatus.OK).bodyJson().isLenientlyEqualTo("""
				{"onHand": 3, "reserved": 3, "available": 0}
				""");
	}

	@Test
	void currencyChangeWhileUnitsAreReservedIsA409Problem() {
		String reserved = uniqueSku();
		put(reserved, mugJson(5)).assertThat().hasStatus(HttpStatus.CREATED);
		reserve(reserved, 1);
		String free = uniqueSku();
		put(free, mugJson(5)).assertThat().hasStatus(HttpStatus.CREATED);

		assertThat(put(reserved, productJson("Saga mug", 1300, "USD", 5))).hasStatus(HttpStatus.CONFLICT)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(put(free, productJson("Saga mug", 1300, "USD", 5))).hasStatus(HttpStatus.OK)
			.bodyJson()
			.extractingPath("$.currency")
			.isEqualTo("USD");
	}

	private MockMvcTester.MockMvcRequestBuilder put(String sku, String json) {
		return this.mvc.put().uri("/products/{sku}", sku).contentType(MediaType.APPLICATION_JSON).content(json);
	}

	/** As a reservation would; the command handler's own tests cover how it does. */
	private void reserve(String sku, int quantity) {
		this.jdbc.sql("update products set reserved = reserved + ? where sku = ?").params(quantity, sku).update();
	}

}
