package com.example.orderflow.webproblems;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class WebProblemsAutoConfigurationTests {

	private static final AutoConfigurations WEB_PROBLEMS = AutoConfigurations.of(WebProblemsAutoConfiguration.class);

	@Test
	void addsTheAdviceToAServletWebApplication() {
		new WebApplicationContextRunner().withConfiguration(WEB_PROBLEMS)
			.run((context) -> assertThat(context).hasSingleBean(FallbackProblems.class));
	}

	@Test
	void staysOutOfAReactiveWebApplication() {
		new ReactiveWebApplicationContextRunner().withConfiguration(WEB_PROBLEMS)
			.run((context) -> assertThat(context).doesNotHaveBean(FallbackProblems.class));
	}

	@Test
	void staysOutOfAnApplicationThatIsNotOnTheWeb() {
		new ApplicationContextRunner().withConfiguration(WEB_PROBLEMS)
			.run((context) -> assertThat(context).doesNotHaveBean(FallbackProblems.class));
	}

}
