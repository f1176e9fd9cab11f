package com.example.orderflow.webproblems;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same body limit as the gateway's, for a service reached on its own port: a body
 * over it is a 413 problem whether its length is declared or not, and one under it
 * reaches the handler whole.
 */
class RequestBodyLimitTests {

	final RequestBodyLimit limit = new RequestBodyLimit(new RequestBodyLimitProperties(DataSize.ofBytes(10)),
			new JsonMapper());

	@Test
	void refusesADeclaredLengthOverTheLimitWithoutReadingIt() throws Exception {
		MockHttpServletRequest request = post("x".repeat(11));
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();

		this.limit.doFilter(request, response, chain);

		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(response.getContentAsString()).contains("\"status\":413", "10 bytes");
		assertThat(chain.getRequest()).isNull();
	}

	@Test
	void refusesAChunkedBodyOverTheLimit() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();

		this.limit.doFilter(chunked("x".repeat(11)), response, chain);

		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(chain.getRequest()).isNull();
	}

	@Test
	void handsAChunkedBodyWithinTheLimitOnWhole() throws Exception {
		MockFilterChain chain = new MockFilterChain();

		this.limit.doFilter(chunked("{\"a\":1}"), new MockHttpServletResponse(), chain);

		assertThat(chain.getRequest()).isNotNull();
		assertThat(new String(chain.getRequest().getInputStream().readAllBytes(), StandardCharsets.UTF_8))
			.isEqualTo("{\"a\":1}");
		assertThat(chain.getRequest().getContentLengthLong()).isEqualTo(7);
	}

	@Test
	void letsABodyOfExactlyTheLimitThrough() throws ServletException, IOException {
		MockFilterChain chain = new MockFilterChain();

		this.limit.doFilter(post("x".repeat(10)), new MockHttpServletResponse(), chain);

		assertThat(chain.getRequest()).isNotNull();
	}

	private static MockHttpServletRequest post(String body) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/forms");
		request.setContent(body.getBytes(StandardCharsets.UTF_8));
		return request;
	}

	/** A body whose length the client did not declare. */
	private static MockHttpServletRequest chunked(String body) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/forms") {

			@Override
			public long getContentLengthLong() {
				return -1;
			}

			@Override
			public int getContentLength() {
				return -1;
			}

		};
		request.setContent(body.getBytes(StandardCharsets.UTF_8));
		request.addHeader("Transfer-Encoding", "chunked");
		return request;
	}

}
