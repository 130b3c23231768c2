package com.merchantpay.gateway.edge;

import java.net.InetSocketAddress;
import org.springframework.web.server.ServerWebExchange;

/**
 * The caller's IP as the gateway sees it. Behind a proxy, {@code server.forward-headers-strategy}
 * makes this the address from {@code X-Forwarded-For}; the proxy must overwrite that header,
 * otherwise a client could choose its own rate-limit bucket.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
