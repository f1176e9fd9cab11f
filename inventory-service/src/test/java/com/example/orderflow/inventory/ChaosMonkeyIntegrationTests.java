package com.example.orderflow.inventory;

import com.example.orderflow.messaging.test.TestDatabase;
import com.example.orderflow.messaging.test.TestKafka;
import com.example.orderflow.servicesecurity.test.TestIssuer;
import com.example.orderflow.servicesecurity.test.Bearer;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.Advised;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chaos profile as {@code CHAOS_MONKEY=on ./stack up} starts the service: the
 * monkey's endpoints are the operators', and its proxies around the controllers keep the
 * operator-only product changes operator-only. Own database, listeners left stopped.
 */
@SpringBootTest(properties = { "spring.kafka.listener.auto-startup=false",
		"spring.kafka.consumer.group-id=inventory-service-chaos-test" })
@AutoConfigureMockMvc
@ActiveProfiles("chaos")
@DirtiesContext
class ChaosMonkeyIntegrationTests {

	static final TestDatabase database = TestDatabase.create("inventory_chaos");

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private ApplicationContext context;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		TestIssuer.register(registry);
		registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
	}

	@Test
	void leavesTheMonkeyToOperators() {
		String assault = """
				{"level": 1, "exceptionsActive": true}""";

		assertThat(this.mvc.get().uri("/actuator/chaosmonkey/status")).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.post()
			.uri("/actuator/chaosmonkey/assaults")
			.header(HttpHeaders.AUTHORIZATION, Bearer.customer("alice"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(assault)).hasStatus(HttpStatus.FORBIDDEN)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

		assertThat(this.mvc.get()
			.uri("/actuator/chaosmonkey/assaults")
			.header(HttpHeaders.AUTHORIZATION, Bearer.operator())).hasStatusOk()
			.bodyText()
			.contains("\"exceptionsActive\":false", "ProductController");
	}

	@Test
	void keepsProductChangesForOperatorsUnderTheMonkeysProxies() {
		Advised controller = (Advised) this.context.getBean("productController");
		assertThat(controller.getAdvisors()).extracting((advisor) -> advisor.getClass().getName())
			.as("the monkey watches the controller")
			.anySatisfy((name) -> assertThat(name).startsWith("de.codecentric.spring.boot.chaos.monkey"));
		String mug = """
				{"name": "Saga mug", "unitPrice": 1200, "currency": "EUR", "onHand": 5}""";

		assertThat(this.mvc.put()
			.uri("/products/CHAOS-MUG")
			.header(HttpHeaders.AUTHORIZATION, Bearer.customer("alice"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(mug)).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.put()
			.uri("/products/CHAOS-MUG")
			.header(HttpHeaders.AUTHORIZATION, Bearer.operator())
			.contentType(MediaType.APPLICATION_JSON)
			.content(mug)).hasStatus(HttpStatus.CREATED);
		assertThat(
				this.mvc.get().uri("/products/CHAOS-MUG").header(HttpHeaders.AUTHORIZATION, Bearer.customer("alice")))
			.hasStatusOk();
	}

}
