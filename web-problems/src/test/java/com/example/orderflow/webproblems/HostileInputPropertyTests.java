package com.example.orderflow.webproblems;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Whatever a client sends (control characters, unpaired surrogates, right-to-left marks,
 * 100 KB of text, fractions, negatives, numbers beyond any type, numbers as strings), the
 * rules every service shares answer it with a 2xx or a 4xx problem, never a 5xx: the
 * strict JSON, the plain-text and ASCII-header filters, the body limit and the problem
 * advice, put together as a service has them.
 */
class HostileInputPropertyTests {

	private static final JsonMapper ASCII_JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

	private final JsonMapper json = strictJson();

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new FormController())
		.setControllerAdvice(new ServiceProblems(), new FallbackProblems())
		.setMessageConverters(new JacksonJsonHttpMessageConverter(this.json))
		.addFilters(new RequestBodyLimit(new RequestBodyLimitProperties(DataSize.ofKilobytes(64)), this.json),
				new PlainTextRequests(this.json))
		.build();

	@Property(tries = 300)
	void aBodyIsAnsweredWithAProblemNeverAServerError(@ForAll("hostileText") String name,
			@ForAll("hostileText") String sku, @ForAll("hostileNumber") String size,
			@ForAll("hostileNumber") String price) throws Exception {
		String body = """
				{"name": %s, "size": %s, "price": %s, "lines": [{"sku": %s, "quantity": 1}]}"""
			.formatted(jsonString(name), size, price, jsonString(sku));

		MockHttpServletResponse response = this.mvc
			.perform(post("/forms").contentType(MediaType.APPLICATION_JSON).content(body))
			.andReturn()
			.getResponse();

		assertAnsweredWithoutServerError(response);
	}

	@Property(tries = 300)
	void queryParametersAndHeadersAreAnsweredWithAProblemNeverAServerError(@ForAll("hostileText") String tenant,
			@ForAll("hostileText") String colour, @ForAll("hostileNumber") String pageSize) throws Exception {
		MockHttpServletResponse response = this.mvc
			.perform(get("/forms").header("X-Tenant", tenant).param("colour", colour).param("page-size", pageSize))
			.andReturn()
			.getResponse();

		assertAnsweredWithoutServerError(response);
	}

	@Provide
	Arbitrary<String> hostileText() {
		return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(40),
				Arbitraries.strings()
					.withChars('a', 'Z', '0', ' ', '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u200f', '\u202e',
							'\ud800', '\udc00', '\u043a', '\t', '\n')
					.ofMaxLength(20),
				Arbitraries.just("x".repeat(100_000)), Arbitraries.just("RED"), Arbitraries.just(""));
	}

	@Provide
	Arbitrary<String> hostileNumber() {
		return Arbitraries.oneOf(Arbitraries.longs().map(String::valueOf), Arbitraries.of("1.99", "2.0", "-1", "0",
				"1e309", "-1e309", "9223372036854775808", "\"12\"", "null", "true", "[]", "{}", "1e2", "0x10", "NaN"));
	}

	private static void assertAnsweredWithoutServerError(MockHttpServletResponse response) {
		assertThat(response.getStatus()).isLessThan(500);
		if (response.getStatus() >= 400) {
			assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		}
	}

	/** As a client would write it: anything outside printable ASCII escaped. */
	private static String jsonString(String text) {
		return ASCII_JSON.writeValueAsString(text);
	}

	private static JsonMapper strictJson() {
		JsonMapper.Builder builder = JsonMapper.builder();
		new StrictJson().customize(builder);
		return builder.build();
	}

}
