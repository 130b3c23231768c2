package com.merchantpay.gateway.problem;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes every failure as RFC 9457 {@code application/problem+json} with a stable {@code code}
 * member. Ordered before Boot's default handler, so no request ever gets an HTML or empty error.
 */
@Component
@Order(-2)
public class ProblemResponder implements WebExceptionHandler {

    /** Set by the trace filter; read here so that a client can quote it to support. */
    public static final String TRACE_ID_ATTRIBUTE = "com.merchantpay.gateway.traceId";
    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private static final Logger log = LoggerFactory.getLogger(ProblemResponder.class);

    private final ObjectMapper json;

    public ProblemResponder(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(failure);
        }
        ApiProblem problem = ProblemClassifier.classify(failure);
        if (problem == null) {
            log.error("Unexpected failure on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), failure);
            problem = ApiProblem.of(ProblemCode.INTERNAL_ERROR, "Quote the trace id when you contact support");
        }
        response.setStatusCode(problem.code().status());
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(PROBLEM_JSON);
        problem.retryAfter().ifPresent(delay -> headers.set(HttpHeaders.RETRY_AFTER, wholeSeconds(delay)));
        byte[] body = json.writeValueAsBytes(document(problem, exchange));
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    private static Map<String, Object> document(ApiProblem problem, ServerWebExchange exchange) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("type", "urn:merchantpay:problem:" + problem.code().name().toLowerCase().replace('_', '-'));
        doc.put("title", problem.code().title());
        doc.put("status", problem.code().status().value());
        doc.put("detail", problem.detail());
        doc.put("instance", exchange.getRequest().getPath().value());
        doc.put("code", problem.code().name());
        Object traceId = exchange.getAttribute(TRACE_ID_ATTRIBUTE);
        if (traceId != null) {
            doc.put("traceId", traceId);
        }
        problem.extensions().forEach(doc::putIfAbsent);
        return doc;
    }

    private static String wholeSeconds(Duration delay) {
        long millis = Math.max(1, delay.toMillis());
        return String.valueOf((millis + 999) / 1000);
    }
}
