package com.example.orderflow.gateway.framing;

import java.util.List;

import com.example.orderflow.gateway.problems.ProblemBody;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sits right behind the HTTP decoder of each connection and refuses, before any filter or
 * route sees it, a request whose framing cannot be trusted:
 * <ul>
 * <li>a {@code Transfer-Encoding} other than exactly {@code chunked}: its body length
 * cannot be determined reliably, the stuff of request smuggling (RFC 9112, section 6.3:
 * 400 and close). Netty itself drops a {@code Content-Length} sent with
 * {@code chunked};</li>
 * <li>a request line or header section the decoder gave up on (414, 431, 400), which
 * Reactor Netty would answer with an empty body;</li>
 * <li>more header fields than the services accept (431): Tomcat would answer that with an
 * HTML page.</li>
 * </ul>
 * The answer is problem+json and the connection is closed: anything after the refused
 * request on it is dropped.
 */
class RequestFramingGuard extends ChannelInboundHandlerAdapter {

	private static final Log logger = LogFactory.getLog(RequestFramingGuard.class);

	private final JsonMapper jsonMapper;

	private final int maxHeaderCount;

	private boolean refused;

	RequestFramingGuard(JsonMapper jsonMapper, int maxHeaderCount) {
		this.jsonMapper = jsonMapper;
		this.maxHeaderCount = maxHeaderCount;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (this.refused) {
			ReferenceCountUtil.release(msg);
			return;
		}
		if (msg instanceof HttpRequest request) {
			Refusal refusal = refusalOf(request);
			if (refusal != null) {
				this.refused = true;
				ReferenceCountUtil.release(msg);
				refuse(ctx, refusal);
				return;
			}
		}
		ctx.fireChannelRead(msg);
	}

	private @Nullable Refusal refusalOf(HttpRequest request) {
		DecoderResult decoded = request.decoderResult();
		if (decoded.isFailure()) {
			return refusalOf(decoded.cause());
		}
		List<String> codings = request.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING);
		if (!codings.isEmpty() && !(codings.size() == 1 && isChunked(codings.get(0)))) {
			return new Refusal(HttpResponseStatus.BAD_REQUEST,
					"Transfer-Encoding may only be chunked (or absent): with any other coding the body's length "
							+ "cannot be determined reliably.");
		}
		if (request.headers().size() > this.maxHeaderCount) {
			return new Refusal(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
					"A request may carry at most " + this.maxHeaderCount + " header fields.");
		}
		return null;
	}

	private static boolean isChunked(String coding) {
		return HttpHeaderValues.CHUNKED.contentEqualsIgnoreCase(coding.trim());
	}

	private static Refusal refusalOf(Throwable cause) {
		if (cause instanceof TooLongHttpLineException) {
			return new Refusal(HttpResponseStatus.REQUEST_URI_TOO_LONG, "The request line is too long.");
		}
		// the header section's, or any other frame the decoder found too long
		if (cause instanceof TooLongFrameException) {
			return new Refusal(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
					"The request's headers are too large.");
		}
		return new Refusal(HttpResponseStatus.BAD_REQUEST, "The request is not well-formed HTTP/1.1.");
	}

	private void refuse(ChannelHandlerContext ctx, Refusal refusal) {
		if (logger.isDebugEnabled()) {
			logger.debug("Refused a request from " + ctx.channel().remoteAddress() + ": " + refusal.detail());
		}
		byte[] body = this.jsonMapper.writeValueAsBytes(ProblemBody.of(refusal.status().code(), refusal.detail()));
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, refusal.status(),
				Unpooled.wrappedBuffer(body));
		response.headers()
			.set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
			.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
			.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
		ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
	}

	private record Refusal(HttpResponseStatus status, String detail) {
	}

}
