package com.example.orderflow.webproblems;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code errors} list a service's advice adds to a bad request, whatever Spring MVC
 * found wrong with it.
 */
@WebMvcTest
@Import({ FormController.class, ServiceProblems.class })
class InvalidFieldProblemsControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void listsEveryInvalidBodyFieldSortedByField() {
		MvcTestResult result = post("""
				{"name": " ", "size": 0, "lines": [{"sku": "A"}, {"sku": ""}]}""");

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("lines[1].sku", "name", "size");
		assertThat(result).bodyJson().isLenientlyEqualTo("""
				{"status": 400, "errors": [
				  {"field": "lines[1].sku", "message": "must not be blank"},
				  {"field": "name", "message": "must not be blank"},
				  {"field": "size", "message": "must be greater than 0"}]}""");
	}

	@Test
	void namesABodyFieldOfTheWrongTypeByItsPath() {
		assertThat(post("""
				{"name": "mug", "lines": [{"sku": "A", "quantity": "lots"}]}""")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"errors": [{"field": "lines[0].quantity", "message": "has an invalid value"}]}""");
	}

	@Test
	void namesTheBodyWhenItIsNotJson() {
		assertThat(post("{\"name\": ")).hasStatus(HttpStatus.BAD_REQUEST).bodyJson().isLenientlyEqualTo("""
				{"errors": [{"field": "body", "message": "is missing or not valid JSON"}]}""");
	}

	@Test
	void namesAConstrainedQueryParameterAsTheClientSpellsIt() {
		assertThat(list().header("X-Tenant", "acme").param("colour", "RED").param("page-size", "101"))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"errors": [{"field": "page-size", "message": "must be less than or equal to 100"}]}""");
	}

	@Test
	void listsTheValuesAnEnumParameterAccepts() {
		assertThat(list().header("X-Tenant", "acme").param("colour", "BLUE").param("page-size", "10"))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"detail": "'colour' must be one of [RED, GREEN].",
					 "errors": [{"field": "colour", "message": "must be one of [RED, GREEN]"}]}""");
	}

	@Test
	void namesAMissingQueryParameterOrHeader() {
		assertThat(list().header("X-Tenant", "acme").param("colour", "RED")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"errors": [{"field": "page-size", "message": "is required"}]}""");
		assertThat(list().param("colour", "RED").param("page-size", "10")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"errors": [{"field": "X-Tenant", "message": "is required"}]}""");
	}

	private MvcTestResult post(String json) {
		return this.mvc.post().uri("/forms").contentType(MediaType.APPLICATION_JSON).content(json).exchange();
	}

	private MockMvcRequestBuilder list() {
		return this.mvc.get().uri("/forms");
	}

}
