package com.merchantpay.sandbox.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.sandbox.support.MerchantSchemes;
import com.merchantpay.sandbox.support.NotifyReceiver.Delivery;
import com.merchantpay.sandbox.support.SandboxTestBase;
import com.merchantpay.sandbox.support.TestKeys;
import com.merchantpay.useepay.notification.NotificationVerdict;
import com.merchantpay.useepay.notification.NotificationVerifier;
import com.merchantpay.useepay.signing.SignType;
import com.merchantpay.useepay.signing.SignatureScheme;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/** Notifications as the merchant's notify URL sees them: content, signature, retries, expiry. */
class NotificationDeliveryTest extends SandboxTestBase {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final SignatureScheme md5 = MerchantSchemes.of(SignType.MD5);

    private String create(SignatureScheme scheme, String expiryMinutes) {
        String id = orderNumber("n");
        Map<String, String> form = payForm(id, scheme);
        form.put("transactionExpirationTime", expiryMinutes);
        postApi(signed(form, scheme)).expectStatus().isOk().expectBody().jsonPath("$.resultCode").isEqualTo("received");
        return id;
    }

    private String createTraced(String traceId) {
        return createTraced("X-Trace-Id", traceId);
    }

    private String createTraced(String header, String value) {
        String id = orderNumber("t");
        LinkedMultiValueMap<String, String> body = new LinkedMultiValueMap<>();
        signed(payForm(id, md5), md5).forEach(body::add);
        http.post().uri("/api").header(header, value).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(body)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.resultCode").isEqualTo("received");
        return id;
    }

    private List<Delivery> awaitDeliveries(String id, int count) {
        await().atMost(WAIT).until(() -> receiver.deliveriesFor(id).size() >= count);
        return receiver.deliveriesFor(id);
    }

    @ParameterizedTest
    @EnumSource(SignType.class)
    void aPaidOrderNotifiesEveryContractFieldSignedAsTheOrderWas(SignType type) {
        SignatureScheme scheme = MerchantSchemes.of(type);
        String id = create(scheme, "20");
        http.post().uri("/sandbox/orders/" + id + "/pay").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("succeed");

        Delivery delivery = awaitDeliveries(id, 1).getFirst();
        assertThat(delivery.contentType()).startsWith("application/x-www-form-urlencoded");
        assertThat(delivery.fields()).containsKeys("version", "merchantNo", "transactionId", "reference",
                        "transactionType", "amount", "currency", "resultCode", "errorCode", "errorMsg", "echoParam",
                        "reserved", "signType", "sign")
                .containsEntry("resultCode", "succeed").containsEntry("transactionType", "pay")
                .containsEntry("echoParam", "echo-" + id).containsEntry("signType", type.name());
        NotificationVerdict verdict = new NotificationVerifier(TestKeys.MERCHANT_NO, scheme).verify(delivery.fields());
        assertThat(verdict).isInstanceOf(NotificationVerdict.Verified.class);
        await().atMost(WAIT).untilAsserted(() -> http.get().uri("/sandbox/counters/" + id).exchange().expectBody()
                .jsonPath("$.notificationsSent").isEqualTo(1).jsonPath("$.notificationsAcknowledged").isEqualTo(1));
    }

    @Test
    void everyDeliveryOfANotificationCarriesTheOrdersTraceId() {
        receiver.answerNext(500);
        String id = createTraced("trace-notify-1");
        http.post().uri("/sandbox/orders/" + id + "/pay").exchange().expectStatus().isOk();

        List<Delivery> deliveries = awaitDeliveries(id, 2);
        assertThat(deliveries).extracting(delivery -> delivery.header("X-Trace-Id"))
                .containsOnly("trace-notify-1");
    }

    @Test
    void theCreateCallsTraceparentIsKeptAndSentOnEveryDeliverySoTheMerchantCanJoinTheOrdersTrace() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        receiver.answerNext(500);
        String id = createTraced("traceparent", traceparent);
        http.get().uri("/sandbox/orders/" + id).exchange().expectBody()
                .jsonPath("$.traceparent").isEqualTo(traceparent)
                // No X-Trace-Id came: the trace id is the traceparent's, so the sandbox's log lines name it.
                .jsonPath("$.traceId").isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        http.post().uri("/sandbox/orders/" + id + "/pay").exchange().expectStatus().isOk();

        assertThat(awaitDeliveries(id, 2)).extracting(delivery -> delivery.header("traceparent")).containsOnly(traceparent);
    }

    @Test
    void aTraceparentThatIsNotW3CTraceContextIsNeitherKeptNorSent() {
        String id = createTraced("traceparent", "00-{not-a-trace}-01");
        http.get().uri("/sandbox/orders/" + id).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.traceparent").doesNotExist().jsonPath("$.traceId").doesNotExist();
        http.post().uri("/sandbox/orders/" + id + "/pay").exchange().expectStatus().isOk();

        assertThat(awaitDeliveries(id, 1).getFirst().header("traceparent")).isNull();
    }

    @Test
    void aTraceIdThatCannotGoSafelyIntoALogLineIsIgnored() {
        String id = createTraced("not a trace id");

        http.get().uri("/sandbox/orders/" + id).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.traceId").doesNotExist();
    }

    @Test
    void aFailedOrderNotifiesFailedWithTheRiskCode() {
        String id = create(md5, "20");
        http.post().uri("/sandbox/orders/" + id + "/fail").exchange().expectStatus().isOk();

        assertThat(awaitDeliveries(id, 1).getFirst().fields())
                .containsEntry("resultCode", "failed").containsEntry("errorCode", "0053");
    }

    @Test
    void anOrderExpiresByTheScaledClockAndNotifiesClosed3300() {
        String id = create(md5, "1"); // one UseePay minute = 600 ms at time scale 0.01

        assertThat(awaitDeliveries(id, 1).getFirst().fields())
                .containsEntry("resultCode", "closed").containsEntry("errorCode", "3300");
        http.get().uri("/sandbox/orders/" + id).exchange().expectBody().jsonPath("$.status").isEqualTo("closed");
    }

    @Test
    void aNon200IsRetriedOnTheScaledScheduleUntilAcknowledged() {
        receiver.answerNext(500, 503);
        String id = create(md5, "20");
        http.post().uri("/sandbox/orders/" + id + "/pay").exchange().expectStatus().isOk();

        List<Delivery> deliveries = awaitDeliveries(id, 3);
        // 1 min then 3 min of UseePay time: 600 ms and 1.8 s here.
        assertThat(Duration.between(deliveries.get(0).at(), deliveries.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(550));
        assertThat(Duration.between(deliveries.get(1).at(), deliveries.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(1700));
        assertThat(deliveries).extracting(d -> d.fields().get("sign")).containsOnly(deliveries.getFirst().fields().get("sign"));
        http.get().uri("/sandbox/counters/" + id).exchange().expectBody()
                .jsonPath("$.notificationsSent").isEqualTo(3).jsonPath("$.notificationsAcknowledged").isEqualTo(1);
    }

    @Test
    void theRetryScheduleIsUseePaysAndEndsAfterEightRetries() {
        // The whole schedule is 139 UseePay minutes (83 s even at 0.01), so it is checked as data;
        // the test above proves the dispatcher follows it.
        assertThat(RetrySchedule.USEEPAY).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(3),
                Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(15),
                Duration.ofMinutes(30), Duration.ofHours(1));
        assertThat(RetrySchedule.waitBefore(7)).contains(Duration.ofHours(1));
        assertThat(RetrySchedule.waitBefore(8)).isEmpty();
    }

    @Test
    void aFinalOrderCannotMoveAgainAndAnUnknownOneIsNotFound() {
        String id = create(md5, "20");
        http.post().uri("/sandbox/orders/" + id + "/pay").exchange().expectStatus().isOk();

        http.post().uri("/sandbox/orders/" + id + "/expire").exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.error").isEqualTo("order " + id + " is already succeed");
        http.post().uri("/sandbox/orders/nobody/pay").exchange().expectStatus().isNotFound();
    }
}
