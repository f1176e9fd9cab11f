package com.example.orderflow.webproblems;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlainTextTests {

	@Test
	void takesPrintableTextInAnyScriptWithTabsAndLineBreaks() {
		assertThat(PlainText.isPlain("")).isTrue();
		assertThat(PlainText.isPlain("Grüße, ключ, 注文\t\r\n")).isTrue();
		assertThat(PlainText.isPlain("\uD83D\uDE00 paired surrogates")).isTrue();
		assertThat(PlainText.isPlain("\u202Eright to left\u200F")).isTrue();
	}

	@Test
	void refusesControlCharactersAndUnpairedSurrogates() {
		assertThat(PlainText.isPlain("a\u0000b")).isFalse();
		assertThat(PlainText.isPlain("\u001b[2J")).isFalse();
		assertThat(PlainText.isPlain("\u007f")).isFalse();
		assertThat(PlainText.isPlain("next line\u0085")).isFalse();
		assertThat(PlainText.isPlain("\uD800")).isFalse();
		assertThat(PlainText.isPlain("\uD800x")).isFalse();
		assertThat(PlainText.isPlain("x\uDC00")).isFalse();
		assertThat(PlainText.isPlain("\uDE00\uD83D")).isFalse();
	}

}
