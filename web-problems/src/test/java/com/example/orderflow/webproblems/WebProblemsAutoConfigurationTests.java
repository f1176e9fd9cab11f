package com.example.orderflow.webproblems;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;

import static org.assertj.core.api.Assertions.assertThat;

class WebProblemsAutoConfigurationTests {

	private static final AutoConfigurations WEB_PROBLEMS = AutoConfigurations.of(WebProblemsAutoConfiguration.class);

	@Test
	void addsTheAdviceToAServletWebApplication() {
		new WebApplicationContextRunner().withConfiguration(WEB_PROBLEMS)
			.run((context) -> assertThat(context).hasSingleBean(FallbackProblems.class));
	}

	@Test
	void answersTheErrorForwardInPlaceOfBootsErrorController() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebProblemsAutoConfiguration.class,
					DispatcherServletAutoConfiguration.class, ErrorMvcAutoConfiguration.class))
			.run((context) -> assertThat(context).getBean(ErrorController.class)
				.isExactlyInstanceOf(ProblemErrorController.class));
	}

	@Test
	void leavesAServicesOwnErrorControllerAlone() {
		new WebApplicationContextRunner().withConfiguration(WEB_PROBLEMS)
			.withBean(ErrorController.class, () -> new ErrorController() {
			})
			.run((context) -> assertThat(context).doesNotHaveBean(ProblemErrorController.class));
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
