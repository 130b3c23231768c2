package com.merchantpay.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.events.identity.UserLoggedIn;
import com.merchantpay.gateway.support.GatewayInstance;
import com.merchantpay.gateway.support.TestIdentities;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.testsupport.TopicTap;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** POST /api/v1/sessions against the WeChat sandbox: every errcode, code reuse, the event. */
class LoginIT {

    private final GatewayInstance gateway = GatewayInstance.primary();
    private WebTestClient client;
    private TopicTap logins;

    @BeforeEach
    void setUp() {
        client = gateway.client(TestIdentities.clientIp());
        logins = TopicTap.fromNow(PaymentTopics.USER_LOGINS.name());
    }

    @AfterEach
    void tearDown() {
        GatewayInstance.sandbox().admin().clearFaults();
        logins.close();
    }

    @Test
    void aGoodCodeGetsOurTokenAndEmitsUserLoggedInWithoutAnySecret() {
        String openId = TestIdentities.openId();
        String traceId = TestIdentities.hex(16);

        String body = client.post().uri("/api/v1/sessions").header("traceparent", "00-" + traceId + "-" + TestIdentities.hex(8) + "-01")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("code", GatewayInstance.mintCode(openId)))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Trace-Id", traceId)
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(body).contains("\"token\"", "\"expiresAt\"").doesNotContain("session_key", openId, GatewayInstance.sandbox().secrets().weChatAppSecret());
        String token = tokenOf(body);
        assertThat(GatewayInstance.tokens(Clock.systemUTC()).openIdOf("Bearer " + token)).isEqualTo(openId);

        ConsumerRecord<String, byte[]> event = logins.awaitRecord(PaymentTopics.USER_LOGINS.name(), r -> openId.equals(r.key()),
                Duration.ofSeconds(30));
        UserLoggedIn loggedIn = (UserLoggedIn) logins.decode(event);
        assertThat(loggedIn.getOpenId()).isEqualTo(openId);
        assertThat(loggedIn.getTraceId()).isEqualTo(traceId);
        assertThat(new String(event.headers().lastHeader("trace-id").value(), StandardCharsets.UTF_8)).isEqualTo(traceId);
        assertThat(loggedIn.toString()).doesNotContain(GatewayInstance.sandbox().secrets().weChatAppSecret(), "session_key");
    }

    @Test
    void theSameCodeTwiceGetsTheSameAnswerNotABurntCode() {
        String openId = TestIdentities.openId();
        String code = GatewayInstance.mintCode(openId);

        String first = login(code).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        String second = login(code).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        assertThat(second).isEqualTo(first);
        // The sandbox would answer 40163 now: the second answer came from the gateway's memory.
        assertThat(GatewayInstance.redeemDirectly(code).path("errcode").asInt()).isEqualTo(40163);
    }

    @Test
    void theSameCodeSentConcurrentlyGetsOneAnswer() {
        String code = GatewayInstance.mintCode(TestIdentities.openId());

        List<CompletableFuture<String>> answers = IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(() ->
                        login(code).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody()))
                .toList();

        assertThat(answers.stream().map(CompletableFuture::join).distinct()).hasSize(1);
    }

    @Test
    void anUnknownCodeIs40029AndMeansLogInAgain() {
        login("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("LOGIN_CODE_REJECTED").jsonPath("$.wechatErrcode").isEqualTo(40029);
    }

    @Test
    void aCodeUsedElsewhereIs40163AndMeansLogInAgain() {
        String code = GatewayInstance.mintCode(TestIdentities.openId());
        GatewayInstance.redeemDirectly(code);

        login(code).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("LOGIN_CODE_REJECTED").jsonPath("$.wechatErrcode").isEqualTo(40163);
    }

    @Test
    void aHighRiskUserIs40226AndForbidden() {
        String openId = TestIdentities.openId();
        GatewayInstance.sandbox().admin().block(openId);

        login(GatewayInstance.mintCode(openId)).expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("USER_BLOCKED");
    }

    @Test
    void wechatsQuotaIs45011And429WithRetryAfter() {
        String openId = TestIdentities.openId();
        for (int i = 0; i < GatewayInstance.CALLS_PER_MINUTE; i++) {
            GatewayInstance.redeemDirectly(GatewayInstance.mintCode(openId));
        }

        login(GatewayInstance.mintCode(openId)).expectStatus().isEqualTo(429)
                .expectHeader().valueEquals("Retry-After", "60")
                .expectBody().jsonPath("$.code").isEqualTo("WECHAT_RATE_LIMITED");
    }

    @Test
    void busyOnceIsRetriedAndSucceeds() {
        GatewayInstance.weChatBusyFor(1);

        login(GatewayInstance.mintCode(TestIdentities.openId())).expectStatus().isOk();
    }

    @Test
    void busyTwiceIs503WithRetryAfterAndTheCodeStillWorksAfterwards() {
        String code = GatewayInstance.mintCode(TestIdentities.openId());
        GatewayInstance.weChatBusyFor(2);

        login(code).expectStatus().isEqualTo(503).expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.code").isEqualTo("WECHAT_BUSY");
        // Busy did not burn the code and the failure was not remembered.
        login(code).expectStatus().isOk();
    }

    @Test
    void aCodeOfTheWrongShapeNeverReachesWechatAndEmitsNothing() {
        long before = logins.endOffsetSum(PaymentTopics.USER_LOGINS.name());

        for (String code : List.of("", "short", "has spaces in it 1234567890", "x".repeat(129), "semi;colon;0123456789abcdef")) {
            login(code).expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("LOGIN_CODE_MALFORMED");
        }
        client.post().uri("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("INVALID_REQUEST");

        assertThat(logins.endOffsetSum(PaymentTopics.USER_LOGINS.name())).isEqualTo(before);
    }

    @Test
    void tooManyRequestsFromOneIpGet429WithRetryAfter() {
        // The bucket refills evenly (40 a minute), so a slow run may squeeze in a few more than 40.
        int answered = 0;
        var refused = login("short").expectBody(String.class).returnResult();
        while (refused.getStatus().value() == 400 && answered < GatewayInstance.PER_IP_CAPACITY + 10) {
            answered++;
            refused = login("short").expectBody(String.class).returnResult();
        }
        assertThat(answered).isBetween(GatewayInstance.PER_IP_CAPACITY, GatewayInstance.PER_IP_CAPACITY + 9);
        assertThat(refused.getStatus().value()).isEqualTo(429);
        assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isNotBlank();
        assertThat(refused.getResponseBody()).contains("\"code\":\"RATE_LIMITED\"");
        // Another IP is not affected.
        gateway.client(TestIdentities.clientIp()).post().uri("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", "short")).exchange().expectStatus().isBadRequest();
    }

    @Test
    void tokensThatExpiredOrWereTamperedWithAreRefused() {
        String openId = TestIdentities.openId();
        String expired = GatewayInstance.tokens(Clock.fixed(Instant.now().minusSeconds(3 * 3600), java.time.ZoneOffset.UTC))
                .issue(openId).token();
        String good = GatewayInstance.tokenFor(openId);
        String[] parts = good.split("\\.");
        String otherUsersClaims = GatewayInstance.tokenFor(TestIdentities.openId()).split("\\.")[1];
        String tampered = parts[0] + "." + otherUsersClaims + "." + parts[2];
        String unsigned = parts[0].replace(parts[0], "eyJhbGciOiJub25lIn0") + "." + parts[1] + ".";

        status(expired).expectStatus().isUnauthorized().expectBody().jsonPath("$.code").isEqualTo("TOKEN_EXPIRED");
        status(tampered).expectStatus().isUnauthorized().expectBody().jsonPath("$.code").isEqualTo("TOKEN_INVALID");
        status(unsigned).expectStatus().isUnauthorized().expectBody().jsonPath("$.code").isEqualTo("TOKEN_INVALID");
        status("garbage").expectStatus().isUnauthorized().expectBody().jsonPath("$.code").isEqualTo("TOKEN_INVALID");
        client.get().uri("/api/v1/orders/MPNOTHING").exchange()
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.code").isEqualTo("TOKEN_MISSING");
        status(good).expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("ORDER_NOT_FOUND");
    }

    private WebTestClient.ResponseSpec status(String token) {
        return client.get().uri("/api/v1/orders/MPNOTHING").header("Authorization", "Bearer " + token).exchange();
    }

    private WebTestClient.ResponseSpec login(String code) {
        return client.post().uri("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", code)).exchange();
    }

    private static String tokenOf(String body) {
        int start = body.indexOf("\"token\":\"") + 9;
        return body.substring(start, body.indexOf('"', start));
    }
}
