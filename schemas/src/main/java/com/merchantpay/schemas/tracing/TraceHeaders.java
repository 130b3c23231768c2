package com.merchantpay.schemas.tracing;

/**
 * Where a trace id travels, so one order can be followed from the gateway request through Kafka to
 * UseePay and back. The event's own {@code traceId} field carries the same value.
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
