package com.example.orderflow.payment;

import com.example.orderflow.servicesecurity.test.Bearer;
import de.codecentric.spring.boot.chaos.monkey.configuration.ChaosMonkeySettings;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chaos Monkey is on the classpath of every build, but without the chaos profile it must
 * cost nothing: the benchmark measures this service as it runs here.
 */
class NoChaosMonkeyIntegrationTests extends PaymentServiceIntegrationTest {

	@Autowired
	private ApplicationContext context;

	@Autowired
	private MockMvcTester mvc;

	@Test
	void withoutTheChaosProfileThereIsNoMonkeyNoEndpointAndNoProxy() {
		assertThat(this.context.getBeanNamesForType(ChaosMonkeySettings.class)).isEmpty();
		assertThat(
				this.mvc.get().uri("/actuator/chaosmonkey/status").header(HttpHeaders.AUTHORIZATION, Bearer.operator()))
			.hasStatus(HttpStatus.NOT_FOUND);
		assertThat(this.mvc.get().uri("/actuator/prometheus")).hasStatusOk();
		assertThat(AopUtils.isAopProxy(this.context.getBean("paymentCommandHandler"))).isFalse();
		assertThat(AopUtils.isAopProxy(this.context.getBean("accountController"))).isFalse();
	}

}
