package com.merchantpay.sandbox.tracing;

import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The merchant's trace id, as it arrives on {@code POST /api} in {@code X-Trace-Id}: kept with the
 * order, named in the sandbox's log lines about it (text and MDC key {@code traceId}) and sent back
 * in the same header on every notification of the order. It is a correlation id, not a secret.
 */
public final class TraceId {

    public static final String HTTP_HEADER = "X-Trace-Id";
    public static final String MDC_KEY = "traceId";

    /** Visible ASCII only, so a header value can neither break a log line nor an outgoing header. */
    private static final Pattern ACCEPTED = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private TraceId() {
    }

    /** The header's value when it is a usable trace id; {@code null} when absent or unusable (ignored). */
    public static String fromHeader(String headerValue) {
        return headerValue != null && ACCEPTED.matcher(headerValue).matches() ? headerValue : null;
    }

    /** Puts the trace id in the MDC until closed; does nothing for {@code null}. */
    public static MDC.MDCCloseable inMdc(String traceId) {
        return traceId == null ? null : MDC.putCloseable(MDC_KEY, traceId);
    }
}
