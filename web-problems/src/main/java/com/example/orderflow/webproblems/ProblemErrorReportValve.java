package com.example.orderflow.webproblems;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's last word on a request no servlet answered, as a problem instead of Tomcat's
 * HTML page: a request Tomcat itself refused while parsing it (more header fields than it
 * accepts, a malformed request line or header) never reaches Spring, so none of the
 * service's own problem handling sees it.
 */
class ProblemErrorReportValve extends ErrorReportValve {

	private final JsonMapper json;

	ProblemErrorReportValve(JsonMapper json) {
		this.json = json;
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail(status));
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(this.json.writeValueAsString(problem));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response was taken over: nothing more to say
		}
	}

	private static String detail(int status) {
		return switch (status) {
			case 400 -> "The request was refused before it reached the service: it is not well-formed HTTP/1.1 "
					+ "or carries more header fields than the service accepts.";
			case 413 -> "The request is larger than the service accepts.";
			case 414 -> "The request line is too long.";
			case 431 -> "The request's headers are too large.";
			case 505 -> "Only HTTP/1.1 is served.";
			default -> "The request was refused before it reached the service.";
		};
	}

}
