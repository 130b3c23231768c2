package com.merchantpay.gateway.ratelimit;

import com.merchantpay.gateway.edge.ClientAddress;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Every {@code /api} request spends one token of its client IP's bucket before anything else runs. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class IpRateLimitFilter implements WebFilter {

    private final RateLimits limits;
    private final ClientAddress clientAddress;

    IpRateLimitFilter(RateLimits limits, ClientAddress clientAddress) {
        this.limits = limits;
        this.clientAddress = clientAddress;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        return Mono.fromRunnable(() -> limits.admitIp(clientAddress.of(exchange))).then(chain.filter(exchange));
    }
}
