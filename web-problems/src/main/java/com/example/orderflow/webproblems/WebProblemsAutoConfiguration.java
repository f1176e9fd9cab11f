package com.example.orderflow.webproblems;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Adds {@link FallbackProblems}, {@link StrictJson} and the {@link RequestBodyLimit},
 * {@link PlainTextRequests} and {@link DirectErrorPathRequests} filters to a Spring MVC
 * service, the container's error forward as a problem ({@link ProblemErrorController}, in
 * place of Boot's) and Tomcat's last-resort error report as a problem
 * ({@link ProblemErrorReportValve}). Registered for the {@code @WebMvcTest} slice as
 * well, so that a controller test sees the answers the running service gives.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@EnableConfigurationProperties({ RequestBodyLimitProperties.class, WebProperties.class })
public class WebProblemsAutoConfiguration {

	@Bean
	FallbackProblems fallbackProblems() {
		return new FallbackProblems();
	}

	@Bean
	StrictJson strictJson() {
		return new StrictJson();
	}

	@Bean
	FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(RequestBodyLimitProperties properties,
			ObjectProvider<JsonMapper> json) {
		FilterRegistrationBean<RequestBodyLimit> registration = new FilterRegistrationBean<>(
				new RequestBodyLimit(properties, json.getIfAvailable(JsonMapper::new)));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		return registration;
	}

	@Bean
	@ConditionalOnMissingBean(ErrorController.class)
	ProblemErrorController problemErrorController(ObjectProvider<ErrorAttributes> errorAttributes, WebProperties web,
			ObjectProvider<ErrorViewResolver> errorViewResolvers) {
		// the attributes are Boot's (ErrorMvcAutoConfiguration, after this one) unless
		// the service has its own
		return new ProblemErrorController(errorAttributes.getIfAvailable(DefaultErrorAttributes::new), web.getError(),
				errorViewResolvers.orderedStream().toList());
	}

	@Bean
	FilterRegistrationBean<DirectErrorPathRequests> directErrorPathRequests(
			@Value("${server.error.path:/error}") String errorPath, ObjectProvider<JsonMapper> json) {
		FilterRegistrationBean<DirectErrorPathRequests> registration = new FilterRegistrationBean<>(
				new DirectErrorPathRequests(errorPath, json.getIfAvailable(JsonMapper::new)));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	@Bean
	FilterRegistrationBean<PlainTextRequests> plainTextRequests(ObjectProvider<JsonMapper> json) {
		FilterRegistrationBean<PlainTextRequests> registration = new FilterRegistrationBean<>(
				new PlainTextRequests(json.getIfAvailable(JsonMapper::new)));
		// before Spring Security, whose firewall would refuse some of these without a
		// body
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	/**
	 * Replaces Tomcat's error report valve (Spring Boot's included) with one that answers
	 * problem+json.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.apache.catalina.valves.ErrorReportValve")
	static class TomcatErrorReports {

		@Bean
		ProblemErrorReports problemErrorReports(ObjectProvider<JsonMapper> json) {
			return new ProblemErrorReports(json.getIfAvailable(JsonMapper::new));
		}

	}

}
