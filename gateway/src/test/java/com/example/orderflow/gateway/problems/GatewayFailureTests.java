package com.example.orderflow.gateway.problems;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Set;

import io.netty.channel.ConnectTimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayFailureTests {

	@Test
	void reportsARefusedConnectionAsTheServiceBeingUnavailable() {
		GatewayFailure failure = GatewayFailure.of(new ConnectException("Connection refused"), "orders");
		assertThat(failure.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(failure.detail()).isEqualTo("The orders service is unavailable.");
	}

	@Test
	void looksForTheCauseBehindWrappingExceptions() {
		GatewayFailure failure = GatewayFailure.of(new IllegalStateException(new ConnectException()), "orders");
		assertThat(failure.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
	}

	@Test
	void reportsAConnectTimeoutAsAGatewayTimeoutNotAsUnavailable() {
		GatewayFailure failure = GatewayFailure.of(new ConnectTimeoutException("connect timed out"), "sagas");
		assertThat(failure.status()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
		assertThat(failure.detail()).isEqualTo("The sagas service did not accept a connection in time.");
	}

	@Test
	void reportsTheRoutesResponseTimeoutAsAGatewayTimeout() {
		GatewayFailure failure = GatewayFailure
			.of(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "Response took longer than PT10S"), "products");
		assertThat(failure.status()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
		assertThat(failure.detail()).isEqualTo("The products service did not answer in time.");
	}

	@Test
	void reportsAConnectionClosedWithoutAnAnswerAsABadGateway() {
		GatewayFailure failure = GatewayFailure.of(new IOException("Connection prematurely closed"), "payments");
		assertThat(failure.status()).isEqualTo(HttpStatus.BAD_GATEWAY);
	}

	@Test
	void describesEveryNotFoundTheSame() {
		GatewayFailure noRoute = GatewayFailure.of(new ResponseStatusException(HttpStatus.NOT_FOUND), null);
		GatewayFailure noResource = GatewayFailure
			.of(new ResponseStatusException(HttpStatus.NOT_FOUND, "No static resource api/x."), null);
		assertThat(noRoute).isEqualTo(noResource);
		assertThat(noRoute.detail()).isEqualTo("Nothing is served at this path.");
	}

	@Test
	void keepsTheAllowHeaderOfAMethodNotAllowed() {
		GatewayFailure failure = GatewayFailure
			.of(new MethodNotAllowedException(HttpMethod.POST, Set.of(HttpMethod.GET)), null);
		assertThat(failure.status()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
		assertThat(failure.headers().getAllow()).containsExactly(HttpMethod.GET);
	}

	@Test
	void keepsTheDetailOfAClientError() {
		GatewayFailure failure = GatewayFailure.of(new ServerWebInputException("Missing parameter"), null);
		assertThat(failure.status()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(failure.detail()).isEqualTo("Missing parameter");
	}

	@Test
	void neverLeaksTheMessageOfAnUnexpectedException() {
		GatewayFailure failure = GatewayFailure.of(new IllegalStateException("password=hunter2"), null);
		assertThat(failure.status()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(failure.detail()).doesNotContain("hunter2");
	}

	@Test
	void showsARefusalsDetailWithARetryAfterInWholeSeconds() {
		GatewayFailure failure = GatewayFailure
			.of(new GatewayRefusal(HttpStatus.TOO_MANY_REQUESTS, "Slow down.", Duration.ofMillis(1200)), "orders");
		assertThat(failure.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(failure.detail()).isEqualTo("Slow down.");
		assertThat(failure.headers().getFirst("Retry-After")).isEqualTo("2");
	}

	@Test
	void neverAsksForARetryInLessThanASecond() {
		GatewayFailure failure = GatewayFailure
			.of(new GatewayRefusal(HttpStatus.SERVICE_UNAVAILABLE, "Busy.", Duration.ofMillis(3)), "orders");
		assertThat(failure.headers().getFirst("Retry-After")).isEqualTo("1");
	}

}
