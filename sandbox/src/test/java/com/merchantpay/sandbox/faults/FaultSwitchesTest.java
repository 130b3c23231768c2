package com.merchantpay.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.sandbox.support.MerchantSchemes;
import com.merchantpay.sandbox.support.NotifyReceiver.Delivery;
import com.merchantpay.sandbox.support.SandboxTestBase;
import com.merchantpay.sandbox.support.TestKeys;
import com.merchantpay.useepay.notification.NotificationVerdict;
import com.merchantpay.useepay.notification.NotificationVerdict.RefusalReason;
import com.merchantpay.useepay.notification.NotificationVerifier;
import com.merchantpay.useepay.signing.SignType;
import com.merchantpay.useepay.signing.SignatureScheme;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every switch of {@code /sandbox/faults} that the client contract test does not already cover
 * (pay/query timeout, 500, unparsable, bad signature, noceStr, sale, duplicate-create, created
 * result code live there), seen from the merchant's side.
 */
class FaultSwitchesTest extends SandboxTestBase {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final SignatureScheme md5 = MerchantSchemes.of(SignType.MD5);
    private final NotificationVerifier verifier = new NotificationVerifier(TestKeys.MERCHANT_NO, md5);

    private String createAndPay() {
        return createAndPay(orderNumber("f"));
    }

    private String createAndPay(String id) {
        postApi(signed(payForm(id, md5), md5)).expectStatus().isOk();
        http.post().uri("/sandbox/orders/" + id + "/pay").exchange().expectStatus().isOk();
        return id;
    }

    private Map<String, Object> counters(String id) {
        String body = http.get().uri("/sandbox/counters/" + id).exchange().expectBody(String.class).returnResult()
                .getResponseBody();
        return JSON.readValue(body, new TypeReference<>() { });
    }

    private NotificationVerdict verdictOn(Delivery delivery) {
        return verifier.verify(delivery.fields());
    }

    @Test
    void switchesAreReadReplacedAndClearedAtRuntime() {
        faults("{\"rules\":{\"NOTIFY_DROP\":{\"share\":0.25,\"next\":2}},\"duplicateCreate\":\"REJECT\"}");

        http.get().uri("/sandbox/faults").exchange().expectBody()
                .jsonPath("$.rules.NOTIFY_DROP.share").isEqualTo(0.25)
                .jsonPath("$.rules.NOTIFY_DROP.next").isEqualTo(2)
                .jsonPath("$.duplicateCreate").isEqualTo("REJECT")
                .jsonPath("$.addedLatency").isEqualTo("PT0S");
        http.delete().uri("/sandbox/faults").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.rules").isEmpty().jsonPath("$.duplicateCreate").isEqualTo("IDEMPOTENT");
    }

    @Test
    void nonsenseSwitchesAreRefusedWithAReason() {
        http.put().uri("/sandbox/faults").header("Content-Type", "application/json")
                .bodyValue("{\"rules\":{\"NOTIFY_DROP\":{\"share\":1.5}}}").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.error").exists();
        http.put().uri("/sandbox/faults").header("Content-Type", "application/json")
                .bodyValue("{\"rules\":{\"NO_SUCH_FAULT\":{\"next\":1}}}").exchange()
                .expectStatus().isBadRequest();
    }

    @Test
    void aDroppedNotificationNeverArrivesAndIsNeverRetried() {
        faults("{\"rules\":{\"NOTIFY_DROP\":{\"next\":1}}}");
        String dropped = createAndPay();
        String delivered = createAndPay();

        await().atMost(WAIT).until(() -> !receiver.deliveriesFor(delivered).isEmpty());
        assertThat(receiver.deliveriesFor(dropped)).isEmpty();
        assertThat(counters(dropped)).containsEntry("notificationsDropped", 1).containsEntry("notificationsSent", 0);
    }

    /** On a shared stack another order's notification must not take the one drop a test meant for its own. */
    @Test
    void aRuleForOneOrderIsLeftAloneByEveryOtherOrdersNotification() {
        String mine = orderNumber("mine");
        faults("{\"rules\":{\"NOTIFY_DROP\":{\"next\":1,\"only\":\"" + mine + "\"}}}");
        String someoneElses = createAndPay();
        await().atMost(WAIT).until(() -> !receiver.deliveriesFor(someoneElses).isEmpty());

        createAndPay(mine);

        await().atMost(WAIT).until(() -> ((Number) counters(mine).get("notificationsDropped")).intValue() == 1);
        assertThat(counters(someoneElses)).containsEntry("notificationsDropped", 0);
        assertThat(receiver.deliveriesFor(mine)).isEmpty();
        http.get().uri("/sandbox/faults").exchange().expectBody()
                .jsonPath("$.rules.NOTIFY_DROP.next").isEqualTo(0).jsonPath("$.rules.NOTIFY_DROP.only").isEqualTo(mine);
    }

    @Test
    void aShareOfOneDropsEveryNotification() {
        faults("{\"rules\":{\"NOTIFY_DROP\":{\"share\":1.0}}}");
        String id = createAndPay();

        await().atMost(WAIT).until(() -> ((Number) counters(id).get("notificationsDropped")).intValue() == 1);
        assertThat(receiver.deliveries()).isEmpty();
    }

    @Test
    void aDuplicatedNotificationArrivesTwiceEvenAfterA200() {
        faults("{\"rules\":{\"NOTIFY_DUPLICATE\":{\"next\":1}}}");
        String id = createAndPay();

        await().atMost(WAIT).until(() -> receiver.deliveriesFor(id).size() == 2);
        List<Delivery> both = receiver.deliveriesFor(id);
        assertThat(both.get(0).fields()).isEqualTo(both.get(1).fields());
        assertThat(counters(id)).containsEntry("notificationsSent", 2).containsEntry("notificationsAcknowledged", 2);
    }

    @Test
    void aDuplicateIsDecidedWhenTheNotificationIsSentNotWhenItIsAcknowledged() {
        // Two refusals hold the genuine delivery in its retries (0.6 s, then 1.8 s more at this
        // time scale) while the faults are cleared, as a test does once it has seen the outcome.
        receiver.answerNext(500, 500);
        faults("{\"rules\":{\"NOTIFY_DUPLICATE\":{\"next\":1}}}");
        String id = createAndPay();
        await().atMost(WAIT).until(() -> receiver.deliveriesFor(id).size() >= 1);
        http.delete().uri("/sandbox/faults").exchange().expectStatus().isOk();

        await().atMost(WAIT).until(() -> receiver.deliveriesFor(id).size() == 4);
        assertThat(counters(id)).containsEntry("notificationsSent", 4).containsEntry("notificationsAcknowledged", 2);
    }

    @Test
    void delayedNotificationsAreOvertakenByLaterOnes() {
        faults("{\"notificationMaxDelay\":\"PT1.5S\",\"rules\":{\"NOTIFY_DELAY\":{\"next\":1}}}");
        String first = orderNumber("first");
        String second = orderNumber("second");
        postApi(signed(payForm(first, md5), md5)).expectStatus().isOk();
        postApi(signed(payForm(second, md5), md5)).expectStatus().isOk();
        // A delayed notification waits between half the maximum and the maximum: 750 ms or more here.
        http.post().uri("/sandbox/orders/" + first + "/pay").exchange().expectStatus().isOk();
        http.post().uri("/sandbox/orders/" + second + "/pay").exchange().expectStatus().isOk();

        await().atMost(WAIT).until(() -> receiver.deliveries().size() == 2);
        Delivery firstArrival = receiver.deliveriesFor(first).getFirst();
        Delivery secondArrival = receiver.deliveriesFor(second).getFirst();
        assertThat(firstArrival.at()).isAfter(secondArrival.at());
        http.get().uri("/sandbox/faults").exchange().expectBody().jsonPath("$.rules.NOTIFY_DELAY.next").isEqualTo(0);
    }

    @Test
    void aNotificationWithABadSignatureIsSentBeforeTheGenuineOne() {
        faults("{\"rules\":{\"NOTIFY_BAD_SIGNATURE\":{\"next\":1}}}");
        String id = createAndPay();

        List<Delivery> deliveries = awaitTwo(id);
        assertThat(verdictOn(deliveries.get(0))).isEqualTo(new NotificationVerdict.Refused(RefusalReason.BAD_SIGNATURE));
        assertThat(deliveries.get(0).fields().get("amount")).isEqualTo("1000");
        assertThat(verdictOn(deliveries.get(1))).isInstanceOf(NotificationVerdict.Verified.class);
        assertThat(counters(id)).containsEntry("forgedNotificationsSent", 1);
    }

    @Test
    void aNotificationWithTheWrongMerchantIsCorrectlySignedButNotOurs() {
        faults("{\"rules\":{\"NOTIFY_WRONG_MERCHANT\":{\"next\":1}}}");
        String id = createAndPay();

        List<Delivery> deliveries = awaitTwo(id);
        assertThat(verdictOn(deliveries.get(0))).isEqualTo(new NotificationVerdict.Refused(RefusalReason.WRONG_MERCHANT));
        assertThat(verdictOn(deliveries.get(1))).isInstanceOf(NotificationVerdict.Verified.class);
    }

    @Test
    void notificationsWithTheWrongAmountOrCurrencyVerifyButDoNotMatchTheOrder() {
        faults("{\"rules\":{\"NOTIFY_WRONG_AMOUNT\":{\"next\":1},\"NOTIFY_WRONG_CURRENCY\":{\"next\":1}}}");
        String id = createAndPay();

        await().atMost(WAIT).until(() -> receiver.deliveriesFor(id).size() == 3);
        List<Map<String, String>> verified = new ArrayList<>();
        for (Delivery delivery : receiver.deliveriesFor(id)) {
            assertThat(verdictOn(delivery)).isInstanceOf(NotificationVerdict.Verified.class);
            verified.add(delivery.fields());
        }
        assertThat(verified).extracting(f -> f.get("amount") + " " + f.get("currency"))
                .containsExactly("1001 HKD", "1000 USD", "1000 HKD");
    }

    @Test
    void paidAfterCloseSendsSucceedRightAfterClosed() {
        faults("{\"paidAfterClose\":true}");
        String id = orderNumber("race");
        postApi(signed(payForm(id, md5), md5)).expectStatus().isOk();
        http.post().uri("/sandbox/orders/" + id + "/expire").exchange().expectStatus().isOk();

        List<Delivery> deliveries = awaitTwo(id);
        assertThat(deliveries).extracting(d -> d.fields().get("resultCode")).containsExactly("closed", "succeed");
        assertThat(deliveries.get(0).fields()).containsEntry("errorCode", "3300");
        http.get().uri("/sandbox/orders/" + id).exchange().expectBody().jsonPath("$.status").isEqualTo("succeed");
    }

    @Test
    void addedLatencyDelaysPayAndQueryReplies() {
        faults("{\"addedLatency\":\"PT0.3S\"}");
        long started = System.nanoTime();
        postApi(signed(payForm(orderNumber("lat"), md5), md5)).expectStatus().isOk();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aShareBasedServerErrorHitsRoughlyThatShareOfCalls() {
        faults("{\"rules\":{\"PAY_SERVER_ERROR\":{\"share\":0.5}}}");
        int errors = 0;
        for (int i = 0; i < 60; i++) {
            int status = postApi(signed(payForm(orderNumber("share"), md5), md5)).returnResult(String.class)
                    .getStatus().value();
            errors += status == 500 ? 1 : 0;
        }
        assertThat(errors).isBetween(10, 50);
    }

    private List<Delivery> awaitTwo(String id) {
        await().atMost(WAIT).until(() -> receiver.deliveriesFor(id).size() == 2);
        return receiver.deliveriesFor(id);
    }
}
