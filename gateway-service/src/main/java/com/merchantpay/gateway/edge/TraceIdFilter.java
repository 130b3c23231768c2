package com.merchantpay.gateway.edge;

import com.merchantpay.gateway.problem.ProblemResponder;
import com.merchantpay.schemas.tracing.TraceHeaders;
import io.micrometer.context.ContextRegistry;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Gives every request a trace id: the caller's {@code X-Trace-Id} when it looks sane, a new one
 * otherwise. The id is echoed in the response, put on every event the request emits and, through
 * Reactor's context propagation, into the logging MDC of whatever thread works on the request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TraceIdFilter implements WebFilter {

    /** Long enough for a UUID or a W3C trace id, short and plain enough to log and put in headers safely. */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    static {
        // Restores the MDC entry from the Reactor context on every thread hop of the request.
        ContextRegistry.getInstance().registerThreadLocalAccessor(TraceHeaders.MDC_KEY,
                () -> MDC.get(TraceHeaders.MDC_KEY),
                value -> MDC.put(TraceHeaders.MDC_KEY, value),
                () -> MDC.remove(TraceHeaders.MDC_KEY));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String offered = exchange.getRequest().getHeaders().getFirst(TraceHeaders.HTTP_HEADER);
        String traceId = offered != null && ACCEPTED.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        exchange.getAttributes().put(ProblemResponder.TRACE_ID_ATTRIBUTE, traceId);
        exchange.getResponse().getHeaders().set(TraceHeaders.HTTP_HEADER, traceId);
        return chain.filter(exchange).contextWrite(Context.of(TraceHeaders.MDC_KEY, traceId));
    }

    /** The request's trace id; every request passed through this filter first. */
    public static String traceIdOf(ServerWebExchange exchange) {
        String traceId = exchange.getAttribute(ProblemResponder.TRACE_ID_ATTRIBUTE);
        return traceId != null ? traceId : UUID.randomUUID().toString();
    }
}
