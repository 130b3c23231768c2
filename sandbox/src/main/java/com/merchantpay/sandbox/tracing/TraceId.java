package com.merchantpay.sandbox.tracing;

import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The merchant's trace, as it arrives on {@code POST /api}: its id in {@code X-Trace-Id} (or, without
 * that header, the trace id field of the W3C {@code traceparent}) is kept with the order, named in the
 * sandbox's log lines about it (text and MDC key {@code traceId}) and sent back in the same header on
 * every notification of the order. The create call's {@code traceparent} is kept too and sent on the
 * order's notifications, so the merchant's notification handling joins the trace that placed the order
 * (UseePay itself sends neither; the sandbox does so its merchant can show the whole story).
 * Correlation data, not secrets.
 */
public final class TraceId {

    public static final String HTTP_HEADER = "X-Trace-Id";
    public static final String MDC_KEY = "traceId";
    public static final String TRACEPARENT_HEADER = "traceparent";

    /** Visible ASCII only, so a header value can neither break a log line nor an outgoing header. */
    private static final Pattern ACCEPTED = Pattern.compile("[\\x21-\\x7E]{1,128}");
    /** W3C trace context, version 00 and the future versions' same leading fields; nothing else is sent on. */
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

    private TraceId() {
    }

    /** The header's value when it is a usable trace id; {@code null} when absent or unusable (ignored). */
    public static String fromHeader(String headerValue) {
        return headerValue != null && ACCEPTED.matcher(headerValue).matches() ? headerValue : null;
    }

    /** The header's value when it is a well-formed W3C {@code traceparent}; {@code null} otherwise (ignored). */
    public static String traceparentFromHeader(String headerValue) {
        return headerValue != null && TRACEPARENT.matcher(headerValue).matches() ? headerValue : null;
    }

    /** The call's trace id: its {@code X-Trace-Id} when usable, else its {@code traceparent}'s trace id, else {@code null}. */
    public static String of(String traceIdHeader, String traceparentHeader) {
        String given = fromHeader(traceIdHeader);
        if (given != null) {
            return given;
        }
        String traceparent = traceparentFromHeader(traceparentHeader);
        return traceparent == null ? null : traceparent.substring(3, 35);
    }

    /** Puts the trace id in the MDC until closed; does nothing for {@code null}. */
    public static MDC.MDCCloseable inMdc(String traceId) {
        return traceId == null ? null : MDC.putCloseable(MDC_KEY, traceId);
    }
}
