package com.merchantpay.schemas.tracing;

/**
 * Where an order's trace id is written in plain text, so it can be found without a tracing backend:
 * the event's own {@code traceId} field carries the same value. The value is the OpenTelemetry trace
 * id (32 hex digits) of the order's trace; the trace context itself travels as W3C
 * {@code traceparent} ({@link KafkaObservations#TRACEPARENT}), which is what links the spans.
 */
public final class TraceHeaders {

    /** Kafka record header (UTF-8 text). */
    public static final String KAFKA_HEADER = "trace-id";

    /** HTTP header on calls between our services and to UseePay's sandbox. */
    public static final String HTTP_HEADER = "X-Trace-Id";

    /** Logging MDC key, so every log line of the order's work names it. */
    public static final String MDC_KEY = "traceId";

    private TraceHeaders() {
    }
}
