package com.example.orderflow.gateway.framing;

import reactor.netty.NettyPipeline;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RequestFramingConfiguration {

	/**
	 * One guard per connection, right behind the HTTP/1.1 decoder, so it sees each
	 * request's head before Reactor Netty or any filter does.
	 */
	@Bean
	NettyServerCustomizer requestFramingGuard(JsonMapper jsonMapper, FramingProperties properties) {
		return (server) -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
			if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
				channel.pipeline()
					.addAfter(NettyPipeline.HttpCodec, "orderflow.requestFramingGuard",
							new RequestFramingGuard(jsonMapper, properties.maxHeaderCount()));
			}
		});
	}

}
