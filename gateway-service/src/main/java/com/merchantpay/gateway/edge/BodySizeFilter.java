package com.merchantpay.gateway.edge;

import com.merchantpay.gateway.problem.ApiProblem;
import com.merchantpay.gateway.problem.ProblemCode;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a declared oversized body before reading a byte of it. Bodies sent without a length
 * (chunked) are capped by the codec limit {@code spring.http.codecs.max-in-memory-size}, set to the
 * same number, and end in the same 413 problem.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class BodySizeFilter implements WebFilter {

    private final long maxBodyBytes;

    public BodySizeFilter(EdgeProperties properties) {
        this.maxBodyBytes = properties.maxBodyBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > maxBodyBytes) {
            return Mono.error(ApiProblem.of(ProblemCode.BODY_TOO_LARGE,
                    "The body has " + declared + " bytes; the limit is " + maxBodyBytes));
        }
        return chain.filter(exchange);
    }
}
