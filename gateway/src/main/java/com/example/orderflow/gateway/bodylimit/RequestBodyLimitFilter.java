package com.example.orderflow.gateway.bodylimit;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * A declared Content-Length is checked up front. A body of unknown length (chunked) is
 * read up to the limit before anything is forwarded: failing half way through an upload
 * that is already streaming to a service would leave the service with a truncated request
 * and the caller with whatever the service made of it instead of a 413.
 */
@Component
class RequestBodyLimitFilter implements WebFilter, Ordered {

	private static final byte[] NO_BODY = new byte[0];

	private final BodyLimitProperties properties;

	RequestBodyLimitFilter(BodyLimitProperties properties) {
		this.properties = properties;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 20;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long declaredLength = exchange.getRequest().getHeaders().getContentLength();
		if (declaredLength > this.properties.maxBytes()) {
			return Mono.error(tooLarge());
		}
		if (declaredLength >= 0) {
			// the HTTP codec never hands over more bytes than the declared length
			return chain.filter(exchange);
		}
		return DataBufferUtils.join(exchange.getRequest().getBody(), this.properties.maxBytes())
			.onErrorMap(DataBufferLimitException.class, (ex) -> tooLarge())
			.map(RequestBodyLimitFilter::copyAndRelease)
			.defaultIfEmpty(NO_BODY)
			.flatMap((body) -> (body.length == 0) ? chain.filter(exchange)
					: chain.filter(exchange.mutate().request(withBody(exchange.getRequest(), body)).build()));
	}

	private ResponseStatusException tooLarge() {
		return new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
				"The request body is larger than the limit of " + this.properties.maxBytes() + " bytes.");
	}

	// A heap copy needs no release however the exchange ends (no route, an error, a
	// retry), and bodies are small by definition here.
	private static byte[] copyAndRelease(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	private static ServerHttpRequest withBody(ServerHttpRequest request, byte[] body) {
		ServerHttpRequest withLength = request.mutate().headers((headers) -> {
			headers.remove(HttpHeaders.TRANSFER_ENCODING);
			headers.setContentLength(body.length);
		}).build();
		return new ServerHttpRequestDecorator(withLength) {

			@Override
			public Flux<DataBuffer> getBody() {
				return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)));
			}

		};
	}

}
