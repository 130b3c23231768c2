package com.merchantpay.schemas.tracing;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;

/**
 * The OpenTelemetry trace id behind an observation: the value that our events' {@code traceId}
 * field, the {@code trace-id} record header, the {@code X-Trace-Id} reply header and the logging MDC
 * all carry, so one order's trace can be found from any of them.
 */
public final class TraceIds {

    private TraceIds() {
    }

    /** The trace id of the span the tracing handler made for this observation, or {@code null} when none did. */
    public static String of(Observation.ContextView context) {
        if (context == null) {
            return null;
        }
        TracingObservationHandler.TracingContext tracing = context.get(TracingObservationHandler.TracingContext.class);
        Span span = tracing == null ? null : tracing.getSpan();
        return span == null ? null : span.context().traceId();
    }

    /** {@link #of(Observation.ContextView)} of a (started) observation; {@code null} for none. */
    public static String of(Observation observation) {
        return observation == null ? null : of(observation.getContextView());
    }

    /** The trace id field of a W3C {@code traceparent} value ({@code 00-<trace id>-<span id>-<flags>}), or {@code null}. */
    public static String fromTraceparent(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        String[] parts = traceparent.split("-");
        return parts.length == 4 && parts[1].length() == 32 ? parts[1] : null;
    }
}
