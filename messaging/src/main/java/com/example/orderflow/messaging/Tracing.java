package com.example.orderflow.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.jspecify.annotations.Nullable;

/**
 * Keeps an order's trace going across the places where its work waits in the database: an
 * outbox row, a held payment, a saga waiting for its deadline. The W3C
 * {@code traceparent} of the work that wrote the row is stored with it, and whatever
 * picks the row up later continues that trace instead of starting one.
 *
 * <p>
 * Only the OpenTelemetry API is used: the Java agent supplies the implementation, and
 * without the agent every call here is a no-op.
 */
public final class Tracing {

	public static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey("orderflow.order.id");

	public static final AttributeKey<String> SAGA_ID = AttributeKey.stringKey("orderflow.saga.id");

	static final String TRACEPARENT = "traceparent";

	private static final String INSTRUMENTATION_SCOPE = "com.example.orderflow.messaging";

	private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {

		@Override
		public Iterable<String> keys(Map<String, String> carrier) {
			return carrier.keySet();
		}

		@Override
		public @Nullable String get(@Nullable Map<String, String> carrier, String key) {
			return (carrier != null) ? carrier.get(key) : null;
		}

	};

	private Tracing() {
	}

	/**
	 * @return the {@code traceparent} of the current span, or null when nothing is traced
	 */
	public static @Nullable String currentTraceParent() {
		Map<String, String> carrier = new HashMap<>(2);
		W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
		return carrier.get(TRACEPARENT);
	}

	/**
	 * Starts a span whose parent is the stored {@code traceparent}, or a new trace when
	 * there is none. The caller makes it current where the work runs and ends it.
	 */
	public static Span startSpan(String name, SpanKind kind, @Nullable String traceParent) {
		return spanBuilder(name, kind, traceParent).startSpan();
	}

	static SpanBuilder spanBuilder(String name, SpanKind kind, @Nullable String traceParent) {
		return GlobalOpenTelemetry.getTracer(INSTRUMENTATION_SCOPE)
			.spanBuilder(name)
			.setSpanKind(kind)
			.setParent(parent(traceParent));
	}

	/** Runs the work in the span, ending it and recording a failure on it. */
	public static <T> T within(Span span, Supplier<T> work) {
		try (Scope scope = span.makeCurrent()) {
			return work.get();
		}
		catch (RuntimeException | Error ex) {
			failed(span, ex);
			throw ex;
		}
		finally {
			span.end();
		}
	}

	public static void within(Span span, Runnable work) {
		within(span, () -> {
			work.run();
			return null;
		});
	}

	public static void failed(Span span, Throwable failure) {
		span.recordException(failure);
		span.setStatus(StatusCode.ERROR, failure.toString());
	}

	/**
	 * Runs background work (polling, housekeeping, a batch's bookkeeping) so that the
	 * agent's database spans for it are not recorded: they would each be a trace of their
	 * own, many per second, hiding the orders' traces. Spans started inside with a stored
	 * parent are recorded as usual.
	 */
	public static <T> T untraced(Supplier<T> work) {
		try (Scope scope = unsampled().makeCurrent()) {
			return work.get();
		}
	}

	public static void untraced(Runnable work) {
		try (Scope scope = unsampled().makeCurrent()) {
			work.run();
		}
	}

	/**
	 * A parent that is valid but not sampled: under the default parent-based sampler
	 * nothing below it is recorded. Its ids are random, like those of any trace a sampler
	 * dropped, since log lines written under it carry them.
	 */
	private static Context unsampled() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		SpanContext unsampled = SpanContext.create(TraceId.fromLongs(random.nextLong(), random.nextLong() | 1),
				SpanId.fromLong(random.nextLong() | 1), TraceFlags.getDefault(), TraceState.getDefault());
		return Context.root().with(Span.wrap(unsampled));
	}

	private static Context parent(@Nullable String traceParent) {
		if (traceParent == null) {
			return Context.root();
		}
		return W3CTraceContextPropagator.getInstance()
			.extract(Context.root(), Map.of(TRACEPARENT, traceParent), MAP_GETTER);
	}

}
