package com.merchantpay.sandbox.useepay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.sandbox.faults.DuplicateRefund;
import com.merchantpay.sandbox.support.MerchantSchemes;
import com.merchantpay.sandbox.support.SandboxTestBase;
import com.merchantpay.sandbox.support.TestKeys;
import com.merchantpay.useepay.UseePayClient;
import com.merchantpay.useepay.UseePaySettings;
import com.merchantpay.useepay.pay.JsapiPayRequest;
import com.merchantpay.useepay.pay.PayResult;
import com.merchantpay.useepay.query.PspOrderStatus;
import com.merchantpay.useepay.query.QueryResult;
import com.merchantpay.useepay.refund.RefundRequest;
import com.merchantpay.useepay.refund.RefundResult;
import com.merchantpay.useepay.signing.SignType;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.util.context.Context;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real useepay-client's refund calls against the running sandbox over HTTP: whichever way UseePay
 * treats a repeated refund number, and whatever spoils the reply, one refund number is one refund at
 * UseePay ({@code refundsMade == 1}) and {@code refundOrRecover} ends with what UseePay holds.
 */
class RefundContractTest extends SandboxTestBase {

    private static final Duration CALL_WAIT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The refund stays {@code received} until a test settles it (PSP time; 14 real minutes here). */
    private static final String SETTLE_BY_HAND = "\"refundSettleAfter\":\"PT24H\"";
    /** Far beyond the client's 700 ms response timeout (2.7 s call deadline). */
    private static final String STALL = "\"stall\":\"PT5S\"";

    private UseePayClient client;

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    private UseePayClient client(SignType type) {
        UseePaySettings settings = new UseePaySettings(URI.create(baseUrl()), TestKeys.MERCHANT_NO, SITE,
                URI.create(receiver.url()), Duration.ofSeconds(1), Duration.ofMillis(700), 16, 64);
        client = UseePayClient.create(settings, MerchantSchemes.of(type));
        return client;
    }

    /** An order of 1000 HKD minor units, made through the client and paid by hand. */
    private String paidOrder(UseePayClient client) {
        String id = orderNumber("paid");
        JsapiPayRequest order = new JsapiPayRequest(id, 1000, "HKD", "Test goods", TestKeys.WECHAT_APP_ID,
                "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", Duration.ofMinutes(20), "203.0.113.7");
        assertThat(client.pay(order).block(CALL_WAIT)).isInstanceOf(PayResult.Accepted.class);
        http.post().uri("/sandbox/orders/" + id + "/pay").exchange().expectStatus().isOk();
        return id;
    }

    private static RefundRequest refundOf(String order, long amount) {
        return new RefundRequest(order + "-R" + amount, order, amount, "HKD");
    }

    private RefundResult refundOrRecover(RefundRequest request) {
        return client.refundOrRecover(request).block(CALL_WAIT);
    }

    private Map<String, Object> json(String uri) {
        String body = http.get().uri(uri).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody();
        return JSON.readValue(body, new TypeReference<>() { });
    }

    private Map<String, Object> counters(String transactionId) {
        return json("/sandbox/counters/" + transactionId);
    }

    private long refunded(String order) {
        return ((Number) json("/sandbox/orders/" + order).get("refunded")).longValue();
    }

    private void assertOneRefundMade(String refundId, int calls) {
        assertThat(counters(refundId)).containsEntry("refundsMade", 1).containsEntry("refundCalls", calls);
    }

    private static void assertAccepted(RefundResult result, RefundRequest request, String status) {
        assertThat(result).isInstanceOfSatisfying(RefundResult.Accepted.class, accepted -> {
            assertThat(accepted.transactionId()).isEqualTo(request.transactionId());
            assertThat(accepted.reference()).startsWith("SBX");
            assertThat(accepted.status()).isEqualTo(status);
        });
    }

    // ---- the plain path ---------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(SignType.class)
    void aRefundOfAPaidOrderIsAcceptedReceivedAndMadeOnce(SignType type) {
        faults("{" + SETTLE_BY_HAND + "}");
        String order = paidOrder(client(type));
        RefundRequest request = refundOf(order, 400);

        RefundResult result = refundOrRecover(request);

        assertAccepted(result, request, "received");
        assertThat(json("/sandbox/refunds/" + request.transactionId()))
                .containsEntry("reference", ((RefundResult.Accepted) result).reference())
                .containsEntry("originalTransactionId", order).containsEntry("amount", 400);
        assertOneRefundMade(request.transactionId(), 1);
        assertThat(counters(request.transactionId())).containsEntry("queries", 0);
        assertThat(refunded(order)).isEqualTo(400);
    }

    @Test
    void theTraceIdInTheRefundContextIsKeptWithTheRefund() {
        String order = paidOrder(client(SignType.MD5));
        RefundRequest request = refundOf(order, 100);

        client.refundOrRecover(request).contextWrite(Context.of(UseePayClient.TRACE_ID_CONTEXT_KEY, "trace-refund-c"))
                .block(CALL_WAIT);

        assertThat(json("/sandbox/refunds/" + request.transactionId())).containsEntry("traceId", "trace-refund-c");
    }

    @ParameterizedTest
    @EnumSource(SignType.class)
    void aRefundBeyondTheRefundableAmountIsRejected1001AndNothingIsRefunded(SignType type) {
        String order = paidOrder(client(type));
        assertAccepted(refundOrRecover(refundOf(order, 600)), refundOf(order, 600), "received");
        RefundRequest tooMuch = refundOf(order, 401);

        RefundResult result = refundOrRecover(tooMuch);

        assertThat(result).isInstanceOfSatisfying(RefundResult.Rejected.class,
                rejected -> assertThat(rejected.errorCode()).isEqualTo("1001"));
        assertThat(counters(tooMuch.transactionId())).containsEntry("refundCalls", 1).containsEntry("refundsMade", 0)
                .containsEntry("queries", 1);
        assertThat(refunded(order)).isEqualTo(600);
    }

    // ---- a repeated refund number, under both readings ---------------------------------------

    @ParameterizedTest
    @EnumSource(DuplicateRefund.class)
    void aRepeatedRefundIsTheSameRefundAndIsMadeOnce(DuplicateRefund reading) {
        faults("{\"duplicateRefund\":\"" + reading + "\"," + SETTLE_BY_HAND + "}");
        String order = paidOrder(client(SignType.MD5));
        RefundRequest request = refundOf(order, 400);
        RefundResult.Accepted first = (RefundResult.Accepted) refundOrRecover(request);

        RefundResult second = refundOrRecover(request);

        assertThat(second).isEqualTo(first);
        assertOneRefundMade(request.transactionId(), 2);
        // Only the 1001 reading needs a query to learn that the refund is the one UseePay holds.
        assertThat(counters(request.transactionId()))
                .containsEntry("queries", reading == DuplicateRefund.REJECT ? 1 : 0);
        assertThat(refunded(order)).isEqualTo(400);
    }

    /** A refund number UseePay holds for another amount is never reported as this refund made. */
    @ParameterizedTest
    @EnumSource(DuplicateRefund.class)
    void aRefundNumberHeldForAnotherAmountIsAConflictAndNothingMoreIsRefunded(DuplicateRefund reading) {
        faults("{\"duplicateRefund\":\"" + reading + "\"," + SETTLE_BY_HAND + "}");
        String order = paidOrder(client(SignType.MD5));
        RefundRequest held = refundOf(order, 400);
        assertThat(refundOrRecover(held)).isInstanceOf(RefundResult.Accepted.class);
        RefundRequest clash = new RefundRequest(held.transactionId(), order, 900, "HKD");

        RefundResult result = refundOrRecover(clash);

        assertThat(result).isInstanceOfSatisfying(RefundResult.Rejected.class,
                rejected -> assertThat(rejected.errorCode()).isEqualTo("REFUND_ID_CONFLICT"));
        assertOneRefundMade(held.transactionId(), 2);
        assertThat(refunded(order)).isEqualTo(400);
    }

    @ParameterizedTest
    @EnumSource(DuplicateRefund.class)
    void aRepeatOfARefundThatFailedAtUseePayIsRejectedWithItsCode(DuplicateRefund reading) {
        faults("{\"duplicateRefund\":\"" + reading + "\",\"refundOutcome\":\"FAIL\"}");
        String order = paidOrder(client(SignType.MD5));
        RefundRequest request = refundOf(order, 400);
        assertAccepted(refundOrRecover(request), request, "received");
        await().atMost(CALL_WAIT).until(() -> "failed".equals(json("/sandbox/refunds/" + request.transactionId())
                .get("status")));

        RefundResult again = refundOrRecover(request);

        assertThat(again).isInstanceOfSatisfying(RefundResult.Rejected.class,
                rejected -> assertThat(rejected.errorCode()).isEqualTo("0053"));
        assertOneRefundMade(request.transactionId(), 2);
        assertThat(refunded(order)).isZero();
    }

    // ---- spoilt replies: the refund is made, the client cannot tell -------------------------

    @ParameterizedTest
    @EnumSource(DuplicateRefund.class)
    void aRefundTimeoutIsResolvedByQueryWithoutASecondRefund(DuplicateRefund reading) {
        faults("{\"duplicateRefund\":\"" + reading + "\"," + STALL + ",\"rules\":{\"REFUND_TIMEOUT\":{\"next\":1}},"
                + SETTLE_BY_HAND + "}");
        String order = paidOrder(client(SignType.MD5));
        RefundRequest request = refundOf(order, 400);

        assertAccepted(refundOrRecover(request), request, "received");
        assertOneRefundMade(request.transactionId(), 1);
        assertThat(counters(request.transactionId())).containsEntry("queries", 1);

        // The caller gave up on the first attempt anyway and tries again: still one refund.
        assertAccepted(client.resumeRefundAfterUnknown(request).block(CALL_WAIT), request, "received");
        assertAccepted(refundOrRecover(request), request, "received");
        assertOneRefundMade(request.transactionId(), 2);
        assertThat(refunded(order)).isEqualTo(400);
    }

    @ParameterizedTest
    @EnumSource(DuplicateRefund.class)
    void aRefundServerErrorIsResolvedByQueryWithoutASecondRefund(DuplicateRefund reading) {
        faults("{\"duplicateRefund\":\"" + reading + "\",\"rules\":{\"REFUND_SERVER_ERROR\":{\"next\":1}},"
                + SETTLE_BY_HAND + "}");
        String order = paidOrder(client(SignType.RSA));
        RefundRequest request = refundOf(order, 400);

        assertAccepted(refundOrRecover(request), request, "received");
        assertOneRefundMade(request.transactionId(), 1);

        assertAccepted(refundOrRecover(request), request, "received");
        assertOneRefundMade(request.transactionId(), 2);
        assertThat(refunded(order)).isEqualTo(400);
    }

    @ParameterizedTest
    @EnumSource(DuplicateRefund.class)
    void whenTheFollowUpQueryFailsTooTheRefundStaysUnknownUntilALaterAttemptQueries(DuplicateRefund reading) {
        faults("{\"duplicateRefund\":\"" + reading + "\"," + STALL + ",\"rules\":{\"REFUND_TIMEOUT\":{\"next\":1},"
                + "\"QUERY_SERVER_ERROR\":{\"next\":1}}}");
        String order = paidOrder(client(SignType.MD5));
        RefundRequest request = refundOf(order, 400);

        assertThat(refundOrRecover(request)).isInstanceOf(RefundResult.Unknown.class);
        // Meanwhile the refund settled on its own (10 PSP seconds): the later attempt finds it done.
        await().atMost(CALL_WAIT).until(() -> "succeed".equals(json("/sandbox/refunds/" + request.transactionId())
                .get("status")));

        assertAccepted(client.resumeRefundAfterUnknown(request).block(CALL_WAIT), request, "succeed");
        assertOneRefundMade(request.transactionId(), 1);
        assertThat(refunded(order)).isEqualTo(400);
    }

    @Test
    void unparsableAndBadlySignedRefundRepliesAreResolvedByQuery() {
        faults("{\"rules\":{\"REFUND_UNPARSABLE\":{\"next\":1},\"REFUND_BAD_SIGNATURE\":{\"next\":1}},"
                + SETTLE_BY_HAND + "}");
        String order = paidOrder(client(SignType.MD5));
        RefundRequest garbled = refundOf(order, 100);
        RefundRequest forged = refundOf(order, 200);

        assertAccepted(refundOrRecover(garbled), garbled, "received");
        assertAccepted(refundOrRecover(forged), forged, "received");
        assertOneRefundMade(garbled.transactionId(), 1);
        assertOneRefundMade(forged.transactionId(), 1);
    }

    @Test
    void aLaterAttemptAtARefundUseePayNeverSawMakesIt() {
        String order = paidOrder(client(SignType.MD5));
        RefundRequest request = refundOf(order, 400);

        assertAccepted(client.resumeRefundAfterUnknown(request).block(CALL_WAIT), request, "received");
        assertOneRefundMade(request.transactionId(), 1);
        assertThat(counters(request.transactionId())).containsEntry("queries", 1);
    }

    // ---- queryRefund ------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(SignType.class)
    void queryRefundFindsAReceivedASucceededAndAFailedRefund(SignType type) {
        faults("{" + SETTLE_BY_HAND + "}");
        UseePayClient client = client(type);
        String order = paidOrder(client);
        RefundRequest granted = refundOf(order, 300);
        RefundRequest refused = refundOf(order, 200);
        String reference = ((RefundResult.Accepted) refundOrRecover(granted)).reference();
        refundOrRecover(refused);

        assertThat(client.queryRefund(granted.transactionId()).block(CALL_WAIT))
                .isInstanceOfSatisfying(QueryResult.Found.class, found -> {
                    assertThat(found.transactionId()).isEqualTo(granted.transactionId());
                    assertThat(found.reference()).isEqualTo(reference);
                    assertThat(found.status()).isEqualTo(PspOrderStatus.RECEIVED);
                    assertThat(found.amountMinor()).isEqualTo(300L);
                    assertThat(found.currency()).isEqualTo("HKD");
                    assertThat(found.errorCode()).isEqualTo("0000");
                });

        http.post().uri("/sandbox/refunds/" + granted.transactionId() + "/succeed").exchange().expectStatus().isOk();
        http.post().uri("/sandbox/refunds/" + refused.transactionId() + "/fail").exchange().expectStatus().isOk();

        assertThat(client.queryRefund(granted.transactionId()).block(CALL_WAIT))
                .isInstanceOfSatisfying(QueryResult.Found.class,
                        found -> assertThat(found.status()).isEqualTo(PspOrderStatus.SUCCEED));
        assertThat(client.queryRefund(refused.transactionId()).block(CALL_WAIT))
                .isInstanceOfSatisfying(QueryResult.Found.class, found -> {
                    assertThat(found.status()).isEqualTo(PspOrderStatus.FAILED);
                    assertThat(found.errorCode()).isEqualTo("0053");
                });
        assertThat(refunded(order)).isEqualTo(300);
    }

    @Test
    void queryRefundOfANumberUseePayNeverSawIsNotFoundAndOfAPaymentIsNoRefund() {
        UseePayClient client = client(SignType.MD5);
        String order = paidOrder(client);

        assertThat(client.queryRefund(orderNumber("never")).block(CALL_WAIT)).isInstanceOf(QueryResult.NotFound.class);
        assertThat(client.queryRefund(order).block(CALL_WAIT)).isInstanceOf(QueryResult.Unknown.class);
    }
}
