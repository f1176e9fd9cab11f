package com.example.orderflow.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends a request line exactly as written: HTTP clients normalise or re-encode paths,
 * which would hide the traversal attempts the gateway must refuse.
 */
public final class RawHttp {

	private RawHttp() {
	}

	public static Response get(int port, String rawPath) {
		return send(port, rawPath, "");
	}

	/** With the bearer token in an {@code Authorization} header. */
	public static Response get(int port, String rawPath, String token) {
		return send(port, rawPath, "Authorization: Bearer " + token + "\r\n");
	}

	private static Response send(int port, String rawPath, String extraHeaders) {
		return exchange(port, "GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + extraHeaders
				+ "Connection: close\r\n\r\n");
	}

	/**
	 * Writes the bytes as given (ISO-8859-1) and reads until the gateway closes the
	 * connection.
	 * @return the first response; whatever followed it is in its body
	 */
	public static Response exchange(int port, String rawRequest) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(rawRequest.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return Response.parse(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * @param status the status code
	 * @param headers the headers, names in lower case
	 * @param body the body as sent (not de-chunked)
	 */
	public record Response(int status, Map<String, String> headers, String body) {

		static Response parse(String raw) {
			int end = raw.indexOf("\r\n\r\n");
			String[] lines = raw.substring(0, end).split("\r\n");
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).trim());
			}
			return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, raw.substring(end + 4));
		}

		public String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

}
