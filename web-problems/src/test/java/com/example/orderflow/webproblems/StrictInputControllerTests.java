package com.example.orderflow.webproblems;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service refuses before its handlers see it ({@link StrictJson},
 * {@link PlainTextRequests}): a value the client did not mean is a 400 naming the field,
 * never a value silently changed, and never a 500 further in.
 */
@WebMvcTest
@Import({ FormController.class, ServiceProblems.class })
class StrictInputControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void takesPlainTextWithTabsAndLineBreaksAndCharactersBeyondTheBasicPlane() {
		assertThat(post("""
				{"name": "mug\\tblue\\r\\nlarge \uD83D\uDE00 \u202Eright", "size": 1, "price": 450}"""))
			.hasStatus(HttpStatus.OK)
			.bodyText()
			.isEqualTo("mug\tblue\r\nlarge \uD83D\uDE00 \u202Eright");
	}

	@Test
	void refusesANulOrAnotherControlCharacterInABodyFieldAndNamesTheField() {
		for (String hostile : new String[] { "X\\u0000Y", "bell\\u0007", "esc\\u001b[31m", "c1\\u0085" }) {
			assertThat(post("""
					{"name": "mug", "lines": [{"sku": "%s", "quantity": 1}]}""".formatted(hostile))).as(hostile)
				.hasStatus(HttpStatus.BAD_REQUEST)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.bodyJson()
				.isLenientlyEqualTo("""
						{"errors": [{"field": "lines[0].sku",
						             "message": "must not contain control characters or unpaired surrogates"}]}""");
		}
	}

	@Test
	void refusesAnUnpairedSurrogateWhichUtf8CannotStore() {
		for (String hostile : new String[] { "\\uD800", "a\\uDC00b", "\\uD83Dx" }) {
			assertThat(post("""
					{"name": "%s"}""".formatted(hostile))).as(hostile)
				.hasStatus(HttpStatus.BAD_REQUEST)
				.bodyJson()
				.isLenientlyEqualTo("""
						{"errors": [{"field": "name",
						             "message": "must not contain control characters or unpaired surrogates"}]}""");
		}
	}

	@Test
	void refusesAFractionWhereAWholeNumberIsExpectedInsteadOfTruncatingIt() {
		assertThat(post("""
				{"name": "mug", "price": 1.99}""")).hasStatus(HttpStatus.BAD_REQUEST).bodyJson().isLenientlyEqualTo("""
				{"errors": [{"field": "price", "message": "has an invalid value"}]}""");
		assertThat(post("""
				{"name": "mug", "size": 2.0}""")).hasStatus(HttpStatus.BAD_REQUEST).bodyJson().isLenientlyEqualTo("""
				{"errors": [{"field": "size", "message": "has an invalid value"}]}""");
	}

	@Test
	void refusesNumbersThatAreStringsOrOutOfRangeAndEnumsByNumber() {
		for (String body : new String[] { """
				{"name": "mug", "price": "12"}""", """
				{"name": "mug", "price": 9223372036854775808}""", """
				{"name": "mug", "price": 1e309}""" }) {
			assertThat(post(body)).as(body).hasStatus(HttpStatus.BAD_REQUEST).bodyJson().isLenientlyEqualTo("""
					{"errors": [{"field": "price", "message": "has an invalid value"}]}""");
		}
		assertThat(post("""
				{"name": "mug", "colour": 0}""")).hasStatus(HttpStatus.BAD_REQUEST).bodyJson().isLenientlyEqualTo("""
				{"errors": [{"field": "colour", "message": "has an invalid value"}]}""");
	}

	@Test
	void refusesAnythingAfterTheJsonValue() {
		assertThat(post("""
				{"name": "mug"} {"name": "cup"}""")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("body");
	}

	@Test
	void refusesAControlCharacterInAQueryParameterAndNamesTheParameter() {
		MvcTestResult result = this.mvc.get()
			.uri("/forms")
			.header("X-Tenant", "acme")
			.param("colour", "RED")
			.param("page-size", "10")
			.param("customerId", "a\u0000b")
			.exchange();

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo(
					"""
							{"status": 400, "detail": "'customerId' must not contain control characters or unpaired surrogates.",
							 "errors": [{"field": "customerId",
							             "message": "must not contain control characters or unpaired surrogates"}]}""");
	}

	@Test
	void refusesAHeaderThatIsNotPrintableAsciiAndSaysWhatItMayContain() {
		for (String hostile : new String[] { "ключ", "key\u0000", "caf\u00e9" }) {
			MvcTestResult result = this.mvc.post()
				.uri("/forms")
				.header("Idempotency-Key", hostile)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"mug\"}")
				.exchange();

			assertThat(result).as(hostile)
				.hasStatus(HttpStatus.BAD_REQUEST)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.bodyJson()
				.isLenientlyEqualTo("""
						{"detail": "'Idempotency-Key' must be printable ASCII text.",
						 "errors": [{"field": "Idempotency-Key", "message": "must be printable ASCII text"}]}""");
		}
	}

	private MvcTestResult post(String json) {
		return this.mvc.post().uri("/forms").contentType(MediaType.APPLICATION_JSON).content(json).exchange();
	}

}
