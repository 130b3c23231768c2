package com.merchantpay.baseline.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.baseline.DirectCheckoutApplication;
import com.merchantpay.testsupport.Sandbox;
import com.merchantpay.testsupport.SandboxAdmin;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The baseline against the real sandbox playing UseePay: what the load test measures, checked for correctness first. */
class DirectCheckoutIT {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    private static ConfigurableApplicationContext app;
    private static WebTestClient client;
    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.shared(Sandbox.Options.realTime());
        // Arguments outrank application.yml (default properties would not).
        app = new SpringApplicationBuilder(DirectCheckoutApplication.class).run(
                "--server.port=0",
                "--useepay.base-url=" + sandbox.baseUrl(),
                "--useepay.merchant-no=" + sandbox.secrets().merchantNo(),
                "--USEEPAY_MD5_KEY=" + sandbox.secrets().merchantMd5Key(),
                "--baseline.we-chat-app-id=" + sandbox.secrets().weChatAppId());
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void checkoutCreatesOneUseePayOrderAndAnswersTheFivePayValues() {
        Map<String, Object> reply = client.post().uri("/checkout").header("X-Trace-Id", "baseline-trace-0001")
                .bodyValue(Map.of("openId", "o-baseline-1", "items", List.of(Map.of("productId", "green-tea", "quantity", 2))))
                .exchange().expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();

        String orderNo = (String) reply.get("orderNo");
        @SuppressWarnings("unchecked")
        Map<String, String> payment = (Map<String, String>) reply.get("payment");
        assertThat(payment).containsOnlyKeys("timeStamp", "nonceStr", "package", "signType", "paySign");
        assertThat(payment.get("package")).startsWith("prepay_id=");
        assertThat(payment.values()).allSatisfy(value -> assertThat(value).isNotBlank());
        SandboxAdmin.PspOrder order = sandbox.admin().order(orderNo).orElseThrow();
        assertThat(order.amountMinor()).isEqualTo(5600);
        assertThat(order.currency()).isEqualTo("HKD");
        assertThat(order.traceId()).isEqualTo("baseline-trace-0001");
        assertThat(sandbox.admin().counters(orderNo).creates()).isEqualTo(1);
    }

    @Test
    void unknownProductIsRefusedWithoutCallingUseePay() {
        Map<String, Object> reply = client.post().uri("/checkout")
                .bodyValue(Map.of("openId", "o-baseline-2", "items", List.of(Map.of("productId", "no-such-thing", "quantity", 1))))
                .exchange().expectStatus().isEqualTo(422).expectBody(JSON).returnResult().getResponseBody();

        assertThat(reply).containsEntry("code", "UNKNOWN_PRODUCT");
        assertThat(reply).doesNotContainKey("orderNo");
    }

    @Test
    void invalidAndMalformedBodiesGetStableJsonErrors() {
        Map<String, Object> invalid = client.post().uri("/checkout")
                .bodyValue(Map.of("openId", "", "items", List.of(Map.of("productId", "green-tea", "quantity", 0))))
                .exchange().expectStatus().isBadRequest().expectBody(JSON).returnResult().getResponseBody();
        assertThat(invalid).containsEntry("code", "INVALID_REQUEST");
        assertThat((String) invalid.get("message")).contains("openId").contains("items[0].quantity");

        Map<String, Object> malformed = client.post().uri("/checkout").header("Content-Type", "application/json")
                .bodyValue("{not json").exchange().expectStatus().isBadRequest().expectBody(JSON).returnResult().getResponseBody();
        assertThat(malformed).containsEntry("code", "MALFORMED_REQUEST");
    }
}
