package com.merchantpay.sandbox.useepay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.sandbox.support.MerchantSchemes;
import com.merchantpay.sandbox.support.NotifyReceiver.Delivery;
import com.merchantpay.sandbox.support.SandboxTestBase;
import com.merchantpay.sandbox.support.TestKeys;
import com.merchantpay.useepay.signing.SignType;
import com.merchantpay.useepay.signing.SignatureScheme;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refunds on the wire and through the control API: their states, how they settle (by the clock, by
 * the {@code refundOutcome} switch, by hand), what a failed one gives back, and the admin views.
 */
class RefundsTest extends SandboxTestBase {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Long enough (PSP time; 14 real minutes here) that only a hand settles the refund during a test. */
    private static final String SETTLE_BY_HAND = "\"refundSettleAfter\":\"PT24H\"";
    private final SignatureScheme md5 = MerchantSchemes.of(SignType.MD5);

    // ---- helpers ----------------------------------------------------------------------------

    private Map<String, String> reply(Map<String, String> form) {
        String body = postApi(form).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        return JSON.readValue(body, new TypeReference<Map<String, String>>() { });
    }

    /** A paid order of 1000 HKD minor units. */
    private String paidOrder() {
        String id = orderNumber("paid");
        assertThat(reply(signed(payForm(id, md5), md5))).containsEntry("resultCode", "received");
        http.post().uri("/sandbox/orders/" + id + "/pay").exchange().expectStatus().isOk();
        return id;
    }

    private Map<String, String> refundForm(String refundId, String orderId, long amount) {
        return signed(new LinkedHashMap<>(Map.of("version", "1.0", "merchantNo", TestKeys.MERCHANT_NO,
                "transactionType", "refund", "transactionId", refundId, "originalTransactionId", orderId,
                "amount", Long.toString(amount), "currency", "HKD", "notifyUrl", receiver.url())), md5);
    }

    private Map<String, String> refund(String refundId, String orderId, long amount) {
        return reply(refundForm(refundId, orderId, amount));
    }

    private Map<String, Object> view(String uri) {
        String body = http.get().uri(uri).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody();
        return JSON.readValue(body, new TypeReference<>() { });
    }

    private Object refundStatus(String refundId) {
        return view("/sandbox/refunds/" + refundId).get("status");
    }

    private long refunded(String orderId) {
        return ((Number) view("/sandbox/orders/" + orderId).get("refunded")).longValue();
    }

    private Map<String, String> awaitNotification(String refundId) {
        await().atMost(WAIT).until(() -> !receiver.deliveriesFor(refundId).isEmpty());
        return receiver.deliveriesFor(refundId).getFirst().fields();
    }

    // ---- state and views --------------------------------------------------------------------

    @Test
    void aRefundIsReceivedAndShownWithEveryFieldInTheRefundView() {
        faults("{" + SETTLE_BY_HAND + "}");
        String order = paidOrder();
        String refundId = orderNumber("r");
        Instant before = Instant.now();

        Map<String, String> reply = refund(refundId, order, 400);

        assertThat(reply).containsEntry("resultCode", "received").containsEntry("errorCode", "0000")
                .containsEntry("transactionType", "refund").containsEntry("originalTransactionId", order);
        Map<String, Object> view = view("/sandbox/refunds/" + refundId);
        assertThat(view).containsOnlyKeys("transactionId", "reference", "originalTransactionId", "amount", "currency",
                "status", "errorCode", "notifyUrl", "createdAt", "traceId");
        assertThat(view).containsEntry("transactionId", refundId).containsEntry("reference", reply.get("reference"))
                .containsEntry("originalTransactionId", order).containsEntry("amount", 400).containsEntry("currency", "HKD")
                .containsEntry("status", "received").containsEntry("errorCode", "0000")
                .containsEntry("notifyUrl", receiver.url()).containsEntry("traceId", null);
        assertThat(Instant.parse((String) view.get("createdAt"))).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(refunded(order)).isEqualTo(400);
    }

    @Test
    void theRefundListIsOldestFirstAndTheOrderShowsWhatIsRefunded() {
        faults("{" + SETTLE_BY_HAND + "}");
        String order = paidOrder();
        String first = orderNumber("r1");
        String second = orderNumber("r2");
        refund(first, order, 300);
        refund(second, order, 200);

        String body = http.get().uri("/sandbox/refunds").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        List<Map<String, Object>> all = JSON.readValue(body, new TypeReference<>() { });
        assertThat(all).extracting(refund -> refund.get("transactionId")).containsExactly(first, second);
        assertThat(refunded(order)).isEqualTo(500);
    }

    @Test
    void aRefundCallsTraceIdIsKeptWithTheRefundAndSentWithItsNotification() {
        String order = paidOrder();
        String refundId = orderNumber("traced");
        LinkedMultiValueMap<String, String> body = new LinkedMultiValueMap<>();
        refundForm(refundId, order, 100).forEach(body::add);
        http.post().uri("/api").header("X-Trace-Id", "trace-refund-1").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(body)).exchange().expectStatus().isOk();

        assertThat(view("/sandbox/refunds/" + refundId)).containsEntry("traceId", "trace-refund-1");
        awaitNotification(refundId);
        assertThat(receiver.deliveriesFor(refundId).getFirst().header("X-Trace-Id")).isEqualTo("trace-refund-1");
    }

    // ---- settling by the clock --------------------------------------------------------------

    @Test
    void aRefundStaysReceivedForTheSettleDelayThenSucceedsAndNotifies() {
        faults("{\"refundSettleAfter\":\"PT1M\"}"); // 600 ms here
        String order = paidOrder();
        String refundId = orderNumber("clock");
        Instant refundedAt = Instant.now();
        refund(refundId, order, 400);
        assertThat(refundStatus(refundId)).isEqualTo("received");

        Map<String, String> notification = awaitNotification(refundId);
        Delivery delivery = receiver.deliveriesFor(refundId).getFirst();
        assertThat(Duration.between(refundedAt, delivery.at())).isGreaterThanOrEqualTo(Duration.ofMillis(550));
        assertThat(notification).containsEntry("transactionType", "refund").containsEntry("resultCode", "succeed")
                .containsEntry("errorCode", "0000").containsEntry("originalTransactionId", order)
                .containsEntry("amount", "400").containsEntry("currency", "HKD");
        assertThat(md5.verify(notification)).isTrue();
        assertThat(refundStatus(refundId)).isEqualTo("succeed");
        assertThat(refunded(order)).isEqualTo(400);
    }

    @Test
    void withRefundOutcomeFailARefundEndsFailedAndItsAmountIsRefundableAgain() {
        faults("{\"refundOutcome\":\"FAIL\"}");
        String order = paidOrder();
        String refundId = orderNumber("doomed");
        assertThat(refund(refundId, order, 1000)).containsEntry("resultCode", "received");

        Map<String, String> notification = awaitNotification(refundId);
        assertThat(notification).containsEntry("transactionType", "refund").containsEntry("resultCode", "failed")
                .containsEntry("errorCode", "0053").containsEntry("amount", "1000");
        assertThat(md5.verify(notification)).isTrue();
        assertThat(view("/sandbox/refunds/" + refundId)).containsEntry("status", "failed").containsEntry("errorCode", "0053");
        assertThat(refunded(order)).isZero();

        faults("{}");
        assertThat(refund(orderNumber("again"), order, 1000)).containsEntry("resultCode", "received");
        assertThat(refunded(order)).isEqualTo(1000);
    }

    @Test
    void theOutcomeIsTheOneSwitchedOnWhenTheRefundWasMade() {
        faults("{\"refundOutcome\":\"FAIL\",\"refundSettleAfter\":\"PT30S\"}");
        String order = paidOrder();
        String refundId = orderNumber("planned");
        refund(refundId, order, 100);
        faults("{}");

        assertThat(awaitNotification(refundId)).containsEntry("resultCode", "failed");
    }

    // ---- settling by hand -------------------------------------------------------------------

    @Test
    void aRefundSettledByHandNotifiesAtOnceAndCannotMoveAgain() {
        faults("{" + SETTLE_BY_HAND + "}");
        String order = paidOrder();
        String refundId = orderNumber("hand");
        refund(refundId, order, 400);

        http.post().uri("/sandbox/refunds/" + refundId + "/succeed").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("succeed").jsonPath("$.transactionId").isEqualTo(refundId);
        assertThat(awaitNotification(refundId)).containsEntry("resultCode", "succeed");

        http.post().uri("/sandbox/refunds/" + refundId + "/fail").exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.error").isEqualTo("refund " + refundId + " is already succeed");
        http.post().uri("/sandbox/refunds/" + refundId + "/succeed").exchange().expectStatus().isEqualTo(409);
        assertThat(refunded(order)).isEqualTo(400);
        assertThat(receiver.deliveriesFor(refundId)).hasSize(1);
    }

    @Test
    void aRefundFailedByHandGivesItsAmountBackOnce() {
        faults("{" + SETTLE_BY_HAND + "}");
        String order = paidOrder();
        String kept = orderNumber("kept");
        String failed = orderNumber("failed");
        refund(kept, order, 300);
        refund(failed, order, 600);
        assertThat(refunded(order)).isEqualTo(900);

        http.post().uri("/sandbox/refunds/" + failed + "/fail").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("failed").jsonPath("$.errorCode").isEqualTo("0053");
        http.post().uri("/sandbox/refunds/" + failed + "/fail").exchange().expectStatus().isEqualTo(409);

        assertThat(awaitNotification(failed)).containsEntry("resultCode", "failed").containsEntry("errorCode", "0053");
        assertThat(refunded(order)).isEqualTo(300);
        assertThat(refund(orderNumber("rest"), order, 700)).containsEntry("resultCode", "received");
        assertThat(refund(orderNumber("over"), order, 1)).containsEntry("resultCode", "failed")
                .containsEntry("errorCode", "1001");
    }

    @Test
    void anUnknownRefundIsNotFound() {
        http.get().uri("/sandbox/refunds/nobody").exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.error").isEqualTo("no refund nobody");
        http.post().uri("/sandbox/refunds/nobody/succeed").exchange().expectStatus().isNotFound();
        http.post().uri("/sandbox/refunds/nobody/fail").exchange().expectStatus().isNotFound();
    }

    // ---- query ------------------------------------------------------------------------------

    private Map<String, String> queryInfo(String field, String value) {
        Map<String, String> reply = reply(signed(new LinkedHashMap<>(Map.of("version", "1.0",
                "merchantNo", TestKeys.MERCHANT_NO, "transactionType", "query", field, value)), md5));
        assertThat(md5.verify(reply)).isTrue();
        assertThat(reply).containsEntry("resultCode", "succeed").containsEntry("errorCode", "0000");
        return JSON.readValue(reply.get("transactionInfo"), new TypeReference<Map<String, String>>() { });
    }

    @Test
    void aQueryByARefundsTransactionIdOrReferenceFindsTheRefundInEachState() {
        faults("{" + SETTLE_BY_HAND + "}");
        String order = paidOrder();
        String granted = orderNumber("granted");
        String refused = orderNumber("refused");
        String reference = refund(granted, order, 400).get("reference");
        refund(refused, order, 300);

        assertThat(queryInfo("transactionId", granted)).containsOnlyKeys("transactionId", "reference",
                        "originalTransactionId", "transactionType", "amount", "currency", "resultCode", "errorCode",
                        "errorMsg")
                .containsEntry("transactionType", "refund").containsEntry("transactionId", granted)
                .containsEntry("reference", reference).containsEntry("originalTransactionId", order)
                .containsEntry("amount", "400").containsEntry("currency", "HKD")
                .containsEntry("resultCode", "received").containsEntry("errorCode", "0000");

        http.post().uri("/sandbox/refunds/" + granted + "/succeed").exchange().expectStatus().isOk();
        http.post().uri("/sandbox/refunds/" + refused + "/fail").exchange().expectStatus().isOk();
        assertThat(queryInfo("reference", reference)).containsEntry("transactionId", granted)
                .containsEntry("resultCode", "succeed");
        assertThat(queryInfo("transactionId", refused)).containsEntry("resultCode", "failed")
                .containsEntry("errorCode", "0053").containsEntry("errorMsg", "refund refused by risk control");
        // The order itself is still the payment, and a refund's number counts its own queries.
        assertThat(queryInfo("transactionId", order)).containsEntry("transactionType", "pay")
                .containsEntry("resultCode", "succeed");
        http.get().uri("/sandbox/counters/" + granted).exchange().expectBody().jsonPath("$.queries").isEqualTo(2);
    }

    @Test
    void aRefundThatWasRefusedIsNeverFoundByQuery() {
        String order = paidOrder();
        String tooMuch = orderNumber("too-much");
        assertThat(refund(tooMuch, order, 1001)).containsEntry("resultCode", "failed").containsEntry("errorCode", "1001");

        Map<String, String> reply = reply(signed(new LinkedHashMap<>(Map.of("version", "1.0",
                "merchantNo", TestKeys.MERCHANT_NO, "transactionType", "query", "transactionId", tooMuch)), md5));
        assertThat(reply).containsEntry("resultCode", "failed").containsEntry("errorCode", "1001")
                .doesNotContainKey("transactionInfo");
        http.get().uri("/sandbox/refunds/" + tooMuch).exchange().expectStatus().isNotFound();
    }

    // ---- repeated refund numbers and counters -----------------------------------------------

    private Map<String, Object> counters(String id) {
        return view("/sandbox/counters/" + id);
    }

    @Test
    void byDefaultARepeatedRefundNumberIsRejected1001AndNothingIsRefundedTwice() {
        faults("{" + SETTLE_BY_HAND + "}");
        String order = paidOrder();
        String refundId = orderNumber("twice");
        String reference = refund(refundId, order, 400).get("reference");

        assertThat(refund(refundId, order, 400)).containsEntry("resultCode", "failed").containsEntry("errorCode", "1001")
                .containsEntry("errorMsg", "transactionId " + refundId + " already exists");
        assertThat(refunded(order)).isEqualTo(400);
        assertThat(view("/sandbox/refunds/" + refundId)).containsEntry("reference", reference);
        assertThat(counters(refundId)).containsEntry("refundCalls", 2).containsEntry("refundsMade", 1);
    }

    @Test
    void withDuplicateRefundIdempotentARepeatedRefundIsTheSameRefundAsItStandsNow() {
        faults("{\"duplicateRefund\":\"IDEMPOTENT\"," + SETTLE_BY_HAND + "}");
        String order = paidOrder();
        String refundId = orderNumber("idem");
        Map<String, String> first = refund(refundId, order, 400);

        Map<String, String> second = refund(refundId, order, 400);
        assertThat(md5.verify(second)).isTrue();
        assertThat(second).isEqualTo(first);
        http.post().uri("/sandbox/refunds/" + refundId + "/succeed").exchange().expectStatus().isOk();
        assertThat(refund(refundId, order, 400)).containsEntry("resultCode", "succeed")
                .containsEntry("reference", first.get("reference"));

        assertThat(refunded(order)).isEqualTo(400);
        assertThat(counters(refundId)).containsEntry("refundCalls", 3).containsEntry("refundsMade", 1);
    }

    @Test
    void anIdempotentRepeatOfAFailedRefundAnswersFailedAndRefundsNothing() {
        faults("{\"duplicateRefund\":\"IDEMPOTENT\"," + SETTLE_BY_HAND + "}");
        String order = paidOrder();
        String refundId = orderNumber("idem-failed");
        refund(refundId, order, 400);
        http.post().uri("/sandbox/refunds/" + refundId + "/fail").exchange().expectStatus().isOk();

        assertThat(refund(refundId, order, 400)).containsEntry("resultCode", "failed").containsEntry("errorCode", "0053");
        assertThat(refunded(order)).isZero();
        assertThat(counters(refundId)).containsEntry("refundCalls", 2).containsEntry("refundsMade", 1);
    }

    @Test
    void anIdempotentRepeatThatAsksForAnotherRefundIsRejected1001() {
        faults("{\"duplicateRefund\":\"IDEMPOTENT\"," + SETTLE_BY_HAND + "}");
        String order = paidOrder();
        String otherOrder = paidOrder();
        String refundId = orderNumber("idem-other");
        refund(refundId, order, 400);

        assertThat(refund(refundId, order, 500)).containsEntry("resultCode", "failed").containsEntry("errorCode", "1001");
        assertThat(refund(refundId, otherOrder, 400)).containsEntry("resultCode", "failed").containsEntry("errorCode", "1001");
        assertThat(refunded(order)).isEqualTo(400);
        assertThat(refunded(otherOrder)).isZero();
        assertThat(counters(refundId)).containsEntry("refundCalls", 3).containsEntry("refundsMade", 1);
    }

    @Test
    void aRefundCannotTakeAnOrdersNumber() {
        String order = paidOrder();
        String otherOrder = paidOrder();

        assertThat(refund(otherOrder, order, 100)).containsEntry("resultCode", "failed").containsEntry("errorCode", "1001");
        assertThat(refunded(order)).isZero();
        assertThat(counters(otherOrder)).containsEntry("refundCalls", 1).containsEntry("refundsMade", 0);
    }

    @Test
    void refusedRefundsAreCalledButNotMadeAndTheTotalsAddUp() {
        String order = paidOrder();
        String made = orderNumber("made");
        String refused = orderNumber("refused");
        refund(made, order, 1000);
        refund(refused, order, 1);

        assertThat(counters(made)).containsEntry("refundCalls", 1).containsEntry("refundsMade", 1);
        assertThat(counters(refused)).containsEntry("refundCalls", 1).containsEntry("refundsMade", 0);
        assertThat(counters(orderNumber("never"))).containsEntry("refundCalls", 0).containsEntry("refundsMade", 0);
        http.get().uri("/sandbox/counters").exchange().expectBody()
                .jsonPath("$.totals.refundCalls").isEqualTo(2)
                .jsonPath("$.totals.refundsMade").isEqualTo(1)
                .jsonPath("$.orders['" + made + "'].refundsMade").isEqualTo(1);
        http.get().uri("/sandbox/counters/totals").exchange().expectBody()
                .jsonPath("$.refundCalls").isEqualTo(2)
                .jsonPath("$.refundsMade").isEqualTo(1)
                .jsonPath("$.orders").doesNotExist();
    }

    // ---- reply faults: the refund is made, its reply is spoilt --------------------------------

    @Test
    void aRefundServerErrorIsA500ButTheRefundIsMade() {
        faults("{\"rules\":{\"REFUND_SERVER_ERROR\":{\"next\":1}}," + SETTLE_BY_HAND + "}");
        String order = paidOrder();
        String refundId = orderNumber("r500");

        postApi(refundForm(refundId, order, 400)).expectStatus().isEqualTo(500);

        assertThat(refundStatus(refundId)).isEqualTo("received");
        assertThat(refunded(order)).isEqualTo(400);
        assertThat(counters(refundId)).containsEntry("refundsMade", 1);
        http.get().uri("/sandbox/faults").exchange().expectBody().jsonPath("$.rules.REFUND_SERVER_ERROR.next").isEqualTo(0);
    }

    @Test
    void aRefundTimeoutHoldsTheReplyForTheStallWhileTheRefundAlreadyExists() {
        faults("{\"stall\":\"PT3S\",\"rules\":{\"REFUND_TIMEOUT\":{\"next\":1}}," + SETTLE_BY_HAND + "}");
        String order = paidOrder();
        String refundId = orderNumber("rslow");
        LinkedMultiValueMap<String, String> body = new LinkedMultiValueMap<>();
        refundForm(refundId, order, 400).forEach(body::add);
        AtomicBoolean answered = new AtomicBoolean();
        long started = System.nanoTime();

        Disposable call = WebClient.create(baseUrl()).post().uri("/api").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(body)).retrieve().bodyToMono(String.class)
                .subscribe(reply -> answered.set(true));
        try {
            await().atMost(WAIT).until(() -> counters(refundId).get("refundsMade").equals(1));
            assertThat(answered).isFalse();
            assertThat(refundStatus(refundId)).isEqualTo("received");
            await().atMost(WAIT).untilTrue(answered);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        } finally {
            call.dispose();
        }
    }

    @Test
    void anUnparsableOrBadlySignedRefundReplyStillMeansTheRefundIsMade() {
        faults("{\"rules\":{\"REFUND_UNPARSABLE\":{\"next\":1},\"REFUND_BAD_SIGNATURE\":{\"next\":1}}}");
        String order = paidOrder();
        String garbled = orderNumber("rjunk");
        String forged = orderNumber("rsig");

        String junk = postApi(refundForm(garbled, order, 100)).expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        Map<String, String> badlySigned = refund(forged, order, 200);

        assertThat(junk).startsWith("<html>");
        assertThat(badlySigned).containsEntry("resultCode", "received");
        assertThat(md5.verify(badlySigned)).isFalse();
        assertThat(refunded(order)).isEqualTo(300);
        assertThat(counters(garbled)).containsEntry("refundsMade", 1);
        assertThat(counters(forged)).containsEntry("refundsMade", 1);
    }

    @Test
    void aRefusedRefundIsNeverSpoiltByAReplyFault() {
        faults("{\"rules\":{\"REFUND_SERVER_ERROR\":{\"share\":1.0}}}");
        String order = paidOrder();

        assertThat(refund(orderNumber("over"), order, 1001)).containsEntry("errorCode", "1001");
    }

    // ---- notification faults apply to refund notifications ----------------------------------
    // Each fault is armed for every notification (share 1.0), the order's own included, so that no
    // count of occasions depends on when the order's notification happens to ask.

    @Test
    void aDroppedRefundNotificationNeverArrives() {
        faults("{\"rules\":{\"NOTIFY_DROP\":{\"share\":1.0}}," + SETTLE_BY_HAND + "}");
        String order = paidOrder();
        String refundId = orderNumber("rdrop");
        refund(refundId, order, 400);

        http.post().uri("/sandbox/refunds/" + refundId + "/succeed").exchange().expectStatus().isOk();

        await().atMost(WAIT).until(() -> counters(refundId).get("notificationsDropped").equals(1));
        assertThat(counters(refundId)).containsEntry("notificationsSent", 0);
        assertThat(receiver.deliveriesFor(refundId)).isEmpty();
    }

    @Test
    void aDuplicatedRefundNotificationArrivesTwice() {
        faults("{\"rules\":{\"NOTIFY_DUPLICATE\":{\"share\":1.0}}," + SETTLE_BY_HAND + "}");
        String order = paidOrder();
        String refundId = orderNumber("rdup");
        refund(refundId, order, 400);

        http.post().uri("/sandbox/refunds/" + refundId + "/succeed").exchange().expectStatus().isOk();

        await().atMost(WAIT).until(() -> receiver.deliveriesFor(refundId).size() == 2);
        List<Delivery> both = receiver.deliveriesFor(refundId);
        assertThat(both.get(0).fields()).isEqualTo(both.get(1).fields()).containsEntry("transactionType", "refund");
    }

    @Test
    void forgedRefundNotificationsGoOutBeforeTheGenuineOne() {
        faults("{\"rules\":{\"NOTIFY_BAD_SIGNATURE\":{\"share\":1.0},\"NOTIFY_WRONG_AMOUNT\":{\"share\":1.0}},"
                + SETTLE_BY_HAND + "}");
        String order = paidOrder();
        String refundId = orderNumber("rforged");
        refund(refundId, order, 400);

        http.post().uri("/sandbox/refunds/" + refundId + "/fail").exchange().expectStatus().isOk();

        await().atMost(WAIT).until(() -> receiver.deliveriesFor(refundId).size() == 3);
        List<Delivery> deliveries = receiver.deliveriesFor(refundId);
        assertThat(md5.verify(deliveries.get(0).fields())).isFalse();
        assertThat(deliveries.get(1).fields()).containsEntry("amount", "401");
        assertThat(md5.verify(deliveries.get(1).fields())).isTrue();
        assertThat(deliveries.get(2).fields()).containsEntry("amount", "400").containsEntry("resultCode", "failed");
        assertThat(md5.verify(deliveries.get(2).fields())).isTrue();
        assertThat(counters(refundId)).containsEntry("forgedNotificationsSent", 2);
    }

    @Test
    void anUnacknowledgedRefundNotificationIsRetriedOnTheScaledSchedule() {
        faults("{" + SETTLE_BY_HAND + "}");
        String order = paidOrder();
        // Once the order's notification is acknowledged, the scripted 503 can only meet the refund's.
        await().atMost(WAIT).until(() -> counters(order).get("notificationsAcknowledged").equals(1));
        String refundId = orderNumber("rretry");
        refund(refundId, order, 400);
        receiver.answerNext(503);

        http.post().uri("/sandbox/refunds/" + refundId + "/succeed").exchange().expectStatus().isOk();

        await().atMost(WAIT).until(() -> receiver.deliveriesFor(refundId).size() == 2);
        List<Delivery> deliveries = receiver.deliveriesFor(refundId);
        assertThat(Duration.between(deliveries.get(0).at(), deliveries.get(1).at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(550));
        await().atMost(WAIT).untilAsserted(() -> assertThat(counters(refundId))
                .containsEntry("notificationsSent", 2).containsEntry("notificationsAcknowledged", 1));
    }

    // ---- switches and reset -----------------------------------------------------------------

    @Test
    void theRefundSwitchesAreReadWrittenAndRefusedWhenNonsense() {
        http.get().uri("/sandbox/faults").exchange().expectBody()
                .jsonPath("$.duplicateRefund").isEqualTo("REJECT")
                .jsonPath("$.refundOutcome").isEqualTo("SUCCEED")
                .jsonPath("$.refundSettleAfter").isEqualTo("PT10S");
        faults("{\"duplicateRefund\":\"IDEMPOTENT\",\"refundOutcome\":\"FAIL\",\"refundSettleAfter\":\"PT2M\"}");
        http.get().uri("/sandbox/faults").exchange().expectBody()
                .jsonPath("$.duplicateRefund").isEqualTo("IDEMPOTENT")
                .jsonPath("$.refundOutcome").isEqualTo("FAIL")
                .jsonPath("$.refundSettleAfter").isEqualTo("PT2M");

        http.put().uri("/sandbox/faults").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"refundOutcome\":\"MAYBE\"}").exchange().expectStatus().isBadRequest();
        http.put().uri("/sandbox/faults").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"duplicateRefund\":\"SOMETIMES\"}").exchange().expectStatus().isBadRequest();
        http.put().uri("/sandbox/faults").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"refundSettleAfter\":\"-PT1S\"}").exchange().expectStatus().isBadRequest();
    }

    @Test
    void resetForgetsRefundsAndAPendingSettlementNeverTouchesANamesakeMadeAfterIt() {
        faults("{\"refundSettleAfter\":\"PT1M\"}"); // 600 ms here
        String order = orderNumber("before-reset");
        String refundId = orderNumber("namesake");
        reply(signed(payForm(order, md5), md5));
        http.post().uri("/sandbox/orders/" + order + "/pay").exchange().expectStatus().isOk();
        refund(refundId, order, 400);

        http.post().uri("/sandbox/reset").exchange().expectStatus().isOk();
        http.get().uri("/sandbox/refunds").exchange().expectBody().json("[]");
        http.get().uri("/sandbox/refunds/" + refundId).exchange().expectStatus().isNotFound();

        faults("{" + SETTLE_BY_HAND + "}");
        reply(signed(payForm(order, md5), md5));
        http.post().uri("/sandbox/orders/" + order + "/pay").exchange().expectStatus().isOk();
        String namesake = refund(refundId, order, 400).get("reference");
        // The first refund's timer fires within this second; it must find nothing of its own to settle.
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> "received".equals(refundStatus(refundId)));
        assertThat(receiver.matching(d -> namesake.equals(d.fields().get("reference")))).isEmpty();
    }
}
