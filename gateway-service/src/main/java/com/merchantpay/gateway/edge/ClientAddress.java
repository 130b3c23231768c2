package com.merchantpay.gateway.edge;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The caller's IP, for the per-IP rate limit and the payer IP sent to UseePay. {@code X-Forwarded-For}
 * is believed only when the connection comes from a configured proxy ({@code gateway.http.trusted-proxies}),
 * and then only up to the first hop that is not such a proxy: anyone else could write any address
 * there and pick their own rate-limit bucket.
 */
@Component
public final class ClientAddress {

    private static final String FORWARDED_FOR = "X-Forwarded-For";
    /** IP literals only: a hostname would cost a DNS lookup on the request path and proves nothing. */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]{7,15}|[0-9A-Fa-f:.]{2,45}");

    private final List<Range> trustedProxies;

    public ClientAddress(EdgeProperties properties) {
        this.trustedProxies = properties.trustedProxies().stream().map(Range::parse).toList();
    }

    public String of(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null || remote.getAddress() == null) {
            return "unknown";
        }
        InetAddress peer = remote.getAddress();
        if (!trusted(peer)) {
            return peer.getHostAddress();
        }
        List<String> hops = exchange.getRequest().getHeaders().getValuesAsList(FORWARDED_FOR);
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i).strip());
            if (hop == null) {
                break; // not an address: stop believing the header here
            }
            client = hop;
            if (!trusted(hop)) {
                break;
            }
        }
        return client.getHostAddress();
    }

    private boolean trusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }

    private static InetAddress literal(String text) {
        if (!IP_LITERAL.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text); // a literal: no lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An address or a CIDR block, e.g. {@code 10.0.0.0/8}. */
    private record Range(byte[] network, int prefixBits) {

        static Range parse(String text) {
            String[] parts = text.strip().split("/", 2);
            InetAddress address = literal(parts[0]);
            if (address == null) {
                throw new IllegalArgumentException("gateway.http.trusted-proxies: not an IP address or CIDR block: " + text);
            }
            int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : address.getAddress().length * 8;
            return new Range(address.getAddress(), bits);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int fullBytes = prefixBits / 8;
            if (!Arrays.equals(Arrays.copyOf(candidate, fullBytes), Arrays.copyOf(network, fullBytes))) {
                return false;
            }
            int rest = prefixBits % 8;
            return rest == 0 || ((candidate[fullBytes] ^ network[fullBytes]) & (0xFF << (8 - rest))) == 0;
        }
    }
}
