package com.example.orderflow.loadtest.chaos.audit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * GETs that keep trying for a while: right after a drill a service may still be starting,
 * or answer 503 for a moment, and an audit should not fail for that. With a bearer token
 * where one is given: the services' own APIs need one, WireMock's does not.
 */
public final class HttpApi implements Api {

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final Duration patience;

	private final Supplier<String> token;

	/**
	 * @param patience how long a GET keeps trying
	 * @param token the bearer token to send, or a supplier of null for none
	 */
	public HttpApi(Duration patience, Supplier<String> token) {
		this.patience = patience;
		this.token = token;
	}

	@Override
	public String get(String url) {
		long giveUpAt = System.nanoTime() + this.patience.toNanos();
		String failure;
		do {
			try {
				HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
				String bearer = this.token.get();
				if (bearer != null) {
					request.header("Authorization", "Bearer " + bearer);
				}
				HttpResponse<String> response = this.http.send(request.GET().build(),
						HttpResponse.BodyHandlers.ofString());
				int status = response.statusCode();
				if (status / 100 == 2) {
					return response.body();
				}
				if (status == 404) {
					return null;
				}
				if (status / 100 == 4 && status != 429) {
					throw new IllegalStateException("GET " + url + " answered " + status + ": " + response.body());
				}
				failure = "answered " + status;
			}
			catch (IOException ex) {
				failure = ex.toString();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted", ex);
			}
			pause();
		}
		while (System.nanoTime() < giveUpAt);
		throw new IllegalStateException("GET " + url + " " + failure + " for " + this.patience.toSeconds() + "s");
	}

	private static void pause() {
		try {
			Thread.sleep(500);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
