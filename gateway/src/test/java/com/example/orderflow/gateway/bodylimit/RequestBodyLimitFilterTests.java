package com.example.orderflow.gateway.bodylimit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RequestBodyLimitFilterTests {

	private final RequestBodyLimitFilter filter = new RequestBodyLimitFilter(
			new BodyLimitProperties(DataSize.ofBytes(10)));

	private final List<ServerWebExchange> passedOn = new ArrayList<>();

	private final WebFilterChain chain = (exchange) -> {
		this.passedOn.add(exchange);
		return Mono.empty();
	};

	@Test
	void passesABodilessRequestOnOnceAndUnchanged() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/orders"));
		this.filter.filter(exchange, this.chain).block();
		assertThat(this.passedOn).containsExactly(exchange);
	}

	@Test
	void passesABodyOfDeclaredLengthWithinTheLimitOnOnce() {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.post("/api/orders").contentLength(10).body("0123456789"));
		this.filter.filter(exchange, this.chain).block();
		assertThat(this.passedOn).containsExactly(exchange);
	}

	@Test
	void refusesADeclaredLengthOverTheLimitWithoutPassingItOn() {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.post("/api/orders").contentLength(11).body("0123456789a"));
		assertThatExceptionOfType(ResponseStatusException.class)
			.isThrownBy(() -> this.filter.filter(exchange, this.chain).block())
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE));
		assertThat(this.passedOn).isEmpty();
	}

	@Test
	void passesAChunkedBodyWithinTheLimitOnOnceWithItsLength() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/orders")
			.header("Transfer-Encoding", "chunked")
			.body(chunks("01234", "56789")));
		this.filter.filter(exchange, this.chain).block();
		assertThat(this.passedOn).singleElement().satisfies((forwarded) -> {
			assertThat(forwarded.getRequest().getHeaders().getContentLength()).isEqualTo(10);
			assertThat(forwarded.getRequest().getHeaders().containsHeader("Transfer-Encoding")).isFalse();
			assertThat(text(forwarded.getRequest().getBody())).isEqualTo("0123456789");
		});
	}

	@Test
	void refusesAChunkedBodyOverTheLimitWithoutPassingItOn() {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.post("/api/orders").body(chunks("01234", "56789", "a")));
		assertThatExceptionOfType(ResponseStatusException.class)
			.isThrownBy(() -> this.filter.filter(exchange, this.chain).block())
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE));
		assertThat(this.passedOn).isEmpty();
	}

	private static Flux<DataBuffer> chunks(String... chunks) {
		return Flux.fromArray(chunks)
			.map((chunk) -> DefaultDataBufferFactory.sharedInstance.wrap(chunk.getBytes(StandardCharsets.UTF_8)));
	}

	private static String text(Flux<DataBuffer> body) {
		DataBuffer joined = DataBufferUtils.join(body).block();
		return joined.toString(StandardCharsets.UTF_8);
	}

}
