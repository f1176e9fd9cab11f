package com.example.orderflow.inventory.stock;

import java.net.URI;
import java.util.Iterator;
import java.util.UUID;

import com.example.orderflow.contracts.Money;
import com.example.orderflow.messaging.test.TestDatabase;
import com.example.orderflow.messaging.test.TestKafka;
import com.example.orderflow.servicesecurity.test.TestIssuer;
import com.example.orderflow.webproblems.test.HostileValues;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static com.example.orderflow.servicesecurity.test.Bearer.customer;
import static com.example.orderflow.servicesecurity.test.Bearer.operator;
import static com.example.orderflow.inventory.stock.ProductFixtures.mugJson;
import static com.example.orderflow.inventory.stock.ProductFixtures.productJson;
import static com.example.orderflow.inventory.stock.ProductFixtures.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The product API against the real database: the conflicts it reports depend on what is
 * reserved, which only the database knows; and who may read or change it, over the real
 * filter chain. Operators change products, any signed-in caller reads them.
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
		TestIssuer.register(registry);
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
		assertThat(get("/products/" + sku, customer("alice"))).hasStatusOk().bodyJson().isLenientlyEqualTo("""
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

		// other tests' products share the database: these two come first, being A- and B-
		assertThat(get("/products", customer("alice"))).hasStatusOk()
			.bodyJson()
			.extractingPath("$[0:2]")
			.asArray()
			.extracting("sku", "onHand", "reserved", "available")
			.containsExactly(tuple(first, 3, 0, 3), tuple(second, 4, 3, 1));
	}

	@Test
	void unknownProductIsA404Problem() {
		assertThat(get("/products/SKU-NOPE", operator())).hasStatus(HttpStatus.NOT_FOUND)
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
	void aCurrencyIsAnIso4217CodeNotAnyThreeLettersAndNothingIsStoredOtherwise() {
		for (String currency : new String[] { "ZZZ", "XXX" }) {
			String sku = uniqueSku();
			assertThat(put(sku, productJson("Mug", 450, currency, 1))).as(currency)
				.hasStatus(HttpStatus.BAD_REQUEST)
				.bodyJson()
				.isLenientlyEqualTo(
						"""
								{"errors": [{"field": "currency", "message": "must be an ISO 4217 currency code such as EUR"}]}""");
			assertThat(stored(sku)).isZero();
		}
		assertThat(put(uniqueSku(), productJson("Mug", 450, "JPY", 1))).hasStatus(HttpStatus.CREATED);
	}

	@Test
	void aPriceThatCouldMakeAnOrdersTotalOverflowIsA400Problem() {
		String sku = uniqueSku();
		assertThat(put(sku, productJson("Mug", Long.MAX_VALUE, "EUR", 1))).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("unitPrice");
		assertThat(stored(sku)).isZero();
		assertThat(put(uniqueSku(), productJson("Mug", Money.MAX_UNIT_PRICE, "EUR", 1))).hasStatus(HttpStatus.CREATED);
	}

	@Test
	void aNulInANameIsA400ProblemNamingItAndNothingIsStored() {
		String sku = uniqueSku();
		assertThat(put(sku, productJson("a\\u0000b", 450, "EUR", 1))).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"errors": [{"field": "name",
					             "message": "must not contain control characters or unpaired surrogates"}]}""");
		assertThat(stored(sku)).isZero();
	}

	@Test
	void aSkuThatCouldNeverBeOneIsA400ProblemOnReadToo() {
		assertThat(get("/products/-dash-first", customer("alice"))).hasStatus(HttpStatus.BAD_REQUEST)
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

	@Test
	void refusesEveryCallWithoutATokenWithA401Problem() {
		String sku = uniqueSku();
		put(sku, mugJson(5)).assertThat().hasStatus(HttpStatus.CREATED);

		assertThat(get("/products", null)).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.containsHeader(HttpHeaders.WWW_AUTHENTICATE);
		assertThat(get("/products/" + sku, null)).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(put(sku, mugJson(9), null)).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(onHand(sku)).isEqualTo(5);
	}

	@Test
	void refusesAProductChangeByACustomerWithA403ProblemAndChangesNothing() {
		String sku = uniqueSku();
		put(sku, mugJson(5)).assertThat().hasStatus(HttpStatus.CREATED);
		String unknown = uniqueSku();

		assertThat(put(sku, mugJson(0), customer("alice"))).hasStatus(HttpStatus.FORBIDDEN)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.status")
			.asNumber()
			.isEqualTo(403);
		assertThat(put(unknown, mugJson(5), customer("alice"))).hasStatus(HttpStatus.FORBIDDEN);

		assertThat(onHand(sku)).isEqualTo(5);
		assertThat(get("/products/" + unknown, operator())).hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void letsCustomersAndOperatorsReadTheCatalogue() {
		String sku = uniqueSku();
		put(sku, mugJson(5)).assertThat().hasStatus(HttpStatus.CREATED);

		for (String caller : new String[] { customer("alice"), operator() }) {
			assertThat(get("/products/" + sku, caller)).hasStatusOk();
			assertThat(get("/products", caller)).hasStatusOk()
				.bodyJson()
				.extractingPath("$[*].sku")
				.asArray()
				.contains(sku);
		}
	}

	@Test
	void describesTheApiOpenlyWithTheBearerScheme() {
		assertThat(get("/v3/api-docs", null)).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("""
					{"security": [{"bearerAuth": []}],
					 "components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer",
					                                                   "bearerFormat": "JWT"}}}}""")
			.hasPath("$.paths['/products/{sku}'].put.responses['403']")
			.hasPath("$.paths['/products/{sku}'].put.responses['200'].content");
	}

	/** As an operator, who may change products. */
	/**
	 * Generated hostile input (see {@link HostileValues}): whatever the sku, name, price,
	 * currency and stock an operator sends, the answer is 200/201 or a 4xx problem, never
	 * a 5xx, and a refused request changes nothing.
	 */
	@Test
	void generatedHostileProductsAreAnsweredWithProblemsAndRefusedOnesChangeNothing() {
		Iterator<String> skus = HostileValues.texts("SKU-1");
		Iterator<String> texts = HostileValues.texts("Desk lamp", "EUR", "USD");
		Iterator<String> numbers = HostileValues.numbers();
		for (int i = 0; i < 150; i++) {
			String sku = (i % 2 == 0) ? skus.next() : uniqueSku();
			String body = """
					{"name": %s, "unitPrice": %s, "currency": %s, "onHand": %s}""".formatted(
					HostileValues.json(texts.next()), numbers.next(), HostileValues.json(texts.next()), numbers.next());
			String before = row(sku);

			MvcTestResult result = this.mvc.put()
				.uri(URI.create("/products/" + HostileValues.pathSegment(sku)))
				.header(HttpHeaders.AUTHORIZATION, operator())
				.contentType(MediaType.APPLICATION_JSON)
				.content(body)
				.exchange();

			if (HostileValues.refusedAsAProblem(result.getResponse().getStatus(), result.getResponse().getContentType(),
					sku + " " + body)) {
				assertThat(row(sku)).as(sku + " " + body).isEqualTo(before);
			}
		}
	}

	/**
	 * The same for every read: a hostile sku or order id in the path is a 4xx problem.
	 */
	@Test
	void generatedHostileReadsAreAnsweredWithProblems() {
		Iterator<String> texts = HostileValues.texts("SKU-1", UUID.randomUUID().toString());
		for (int i = 0; i < 150; i++) {
			String path = ((i % 2 == 0) ? "/products/" : "/reservations/") + HostileValues.pathSegment(texts.next());

			MvcTestResult result = this.mvc.get()
				.uri(URI.create(path))
				.header(HttpHeaders.AUTHORIZATION, operator())
				.exchange();

			HostileValues.refusedAsAProblem(result.getResponse().getStatus(), result.getResponse().getContentType(),
					path);
		}
	}

	private MockMvcRequestBuilder put(String sku, String json) {
		return put(sku, json, operator());
	}

	private MockMvcRequestBuilder put(String sku, String json, @Nullable String authorization) {
		return authorized(this.mvc.put().uri("/products/{sku}", sku), authorization)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json);
	}

	private MockMvcRequestBuilder get(String uri, @Nullable String authorization) {
		return authorized(this.mvc.get().uri(uri), authorization);
	}

	private static MockMvcRequestBuilder authorized(MockMvcRequestBuilder request, @Nullable String authorization) {
		return (authorization != null) ? request.header(HttpHeaders.AUTHORIZATION, authorization) : request;
	}

	private int stored(String sku) {
		return this.jdbc.sql("select count(*) from products where sku = ?").param(sku).query(Integer.class).single();
	}

	private String row(String sku) {
		if (sku.indexOf('\u0000') >= 0) {
			return "none: PostgreSQL cannot hold a NUL";
		}
		return this.jdbc.sql("select to_jsonb(p)::text from products p where sku = ?")
			.param(sku)
			.query(String.class)
			.optional()
			.orElse("none");
	}

	private int onHand(String sku) {
		return this.jdbc.sql("select on_hand from products where sku = ?").param(sku).query(Integer.class).single();
	}

	/** As a reservation would; the command handler's own tests cover how it does. */
	private void reserve(String sku, int quantity) {
		this.jdbc.sql("update products set reserved = reserved + ? where sku = ?").params(quantity, sku).update();
	}

}
