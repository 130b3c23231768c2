package com.merchantpay.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.gateway.support.GatewayInstance;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A gateway that trusts only its load balancers (here 10.0.0.0/8) ignores the X-Forwarded-For of
 * anyone else: a client that writes a new address into every request still spends one bucket.
 */
class SpoofedForwardedForIT {

    private static GatewayInstance gateway;

    @BeforeAll
    static void gatewayBehindOtherProxies() {
        gateway = GatewayInstance.start(Map.of("gateway.http.trusted-proxies", "10.0.0.0/8"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aNewForwardedForAddressOnEveryRequestDoesNotEscapeThePerIpLimit() {
        int answered = 0;
        int status = 400;
        while (status == 400 && answered < GatewayInstance.PER_IP_CAPACITY + 10) {
            String spoofed = "198.51.100." + (answered % 250 + 1);
            status = WebTestClient.bindToServer().baseUrl(gateway.baseUrl()).build()
                    .post().uri("/api/v1/sessions").header("X-Forwarded-For", spoofed)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("code", "short"))
                    .exchange().returnResult(String.class).getStatus().value();
            if (status == 400) {
                answered++;
            }
        }
        assertThat(status).as("refused once the one real address spent its bucket").isEqualTo(429);
        assertThat(answered).isBetween(GatewayInstance.PER_IP_CAPACITY, GatewayInstance.PER_IP_CAPACITY + 9);
    }
}
