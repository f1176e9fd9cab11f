package com.example.orderflow.gateway.requestid;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTests {

	@Test
	void keepsIdsOfLettersDigitsDotsDashesAndUnderscoresUpTo128Characters() {
		assertThat(RequestIds.keepOrGenerate("abc-123_DEF.9")).isEqualTo("abc-123_DEF.9");
		assertThat(RequestIds.keepOrGenerate("a".repeat(128))).isEqualTo("a".repeat(128));
	}

	@Test
	void replacesMissingEmptyLongOrOddIdsWithAUuid() {
		for (String insane : new String[] { null, "", "a".repeat(129), "has space", "line\nbreak", "semi;colon",
				"ünïcode", "slash/y" }) {
			String generated = RequestIds.keepOrGenerate(insane);
			assertThat(generated).isNotEqualTo(insane);
			assertThat(UUID.fromString(generated)).isNotNull();
		}
	}

}
