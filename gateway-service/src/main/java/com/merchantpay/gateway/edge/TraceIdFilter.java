package com.merchantpay.gateway.edge;

import com.merchantpay.gateway.problem.ProblemResponder;
import com.merchantpay.schemas.tracing.TraceHeaders;
import com.merchantpay.schemas.tracing.TraceIds;
import io.micrometer.context.ContextRegistry;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Names every request's trace id: the OpenTelemetry trace id of the request's server span, which
 * continues the caller's W3C {@code traceparent} when it sent one and starts a trace otherwise. The id
 * is answered in {@code X-Trace-Id} (the Mini Program quotes it to support), put on every event the
 * request emits and, through Reactor's context propagation, into the logging MDC of whatever thread
 * works on the request. A caller's own {@code X-Trace-Id} is not taken any more: the trace is the
 * caller's only through {@code traceparent}, so the id always names a trace that exists.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TraceIdFilter implements WebFilter {

    static {
        // Restores the MDC entry from the Reactor context on every thread hop of the request, also where
        // work runs outside the request's observation (a login shared by concurrent requests).
        ContextRegistry.getInstance().registerThreadLocalAccessor(TraceHeaders.MDC_KEY,
                () -> MDC.get(TraceHeaders.MDC_KEY),
                value -> MDC.put(TraceHeaders.MDC_KEY, value),
                () -> MDC.remove(TraceHeaders.MDC_KEY));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String traceId = ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(TraceIds::of)
                .orElseGet(TraceIdFilter::untracedId);
        exchange.getAttributes().put(ProblemResponder.TRACE_ID_ATTRIBUTE, traceId);
        exchange.getResponse().getHeaders().set(TraceHeaders.HTTP_HEADER, traceId);
        return chain.filter(exchange).contextWrite(Context.of(TraceHeaders.MDC_KEY, traceId));
    }

    /** The request's trace id; every request passed through this filter first. */
    public static String traceIdOf(ServerWebExchange exchange) {
        String traceId = exchange.getAttribute(ProblemResponder.TRACE_ID_ATTRIBUTE);
        return traceId != null ? traceId : untracedId();
    }

    /** Only without a server observation (tracing switched off): an id of the same shape, so nothing downstream cares. */
    private static String untracedId() {
        byte[] random = new byte[16];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
