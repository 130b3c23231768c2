package com.merchantpay.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** Which address the rate limit and UseePay get: X-Forwarded-For only through the proxies we name. */
class ClientAddressTest {

    private final ClientAddress behindTheLoadBalancers = new ClientAddress(new EdgeProperties(16384, List.of("10.0.0.0/8", "192.168.1.7")));
    private final ClientAddress exposedDirectly = new ClientAddress(new EdgeProperties(16384, List.of()));

    @Test
    void aClientThatIsNotAProxyCannotChooseItsAddress() {
        MockServerWebExchange spoofed = from("203.0.113.9", "198.51.100.1");

        assertThat(exposedDirectly.of(spoofed)).isEqualTo("203.0.113.9");
        assertThat(behindTheLoadBalancers.of(spoofed)).isEqualTo("203.0.113.9");
    }

    @Test
    void throughTrustedProxiesTheFirstUntrustedHopFromTheRightIsTheClient() {
        assertThat(behindTheLoadBalancers.of(from("10.1.2.3", "198.51.100.1"))).isEqualTo("198.51.100.1");
        // The client prepended its own fake entry; the proxies appended what they saw.
        assertThat(behindTheLoadBalancers.of(from("10.1.2.3", "1.2.3.4, 198.51.100.1, 192.168.1.7"))).isEqualTo("198.51.100.1");
    }

    @Test
    void somethingThatIsNotAnAddressEndsTheTrust() {
        assertThat(behindTheLoadBalancers.of(from("10.1.2.3", "evil.example.com"))).isEqualTo("10.1.2.3");
        assertThat(behindTheLoadBalancers.of(from("10.1.2.3", "198.51.100.1, unknown"))).isEqualTo("10.1.2.3");
    }

    @Test
    void aMistypedProxyListStopsTheStart() {
        assertThatThrownBy(() -> new ClientAddress(new EdgeProperties(16384, List.of("lb.internal"))))
                .hasMessageContaining("gateway.http.trusted-proxies");
    }

    private static MockServerWebExchange from(String peer, String forwardedFor) {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/orders/X")
                .remoteAddress(new InetSocketAddress(peer, 40000))
                .header("X-Forwarded-For", forwardedFor));
    }
}
