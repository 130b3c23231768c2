package com.merchantpay.sandbox.useepay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.sandbox.support.MerchantSchemes;
import com.merchantpay.sandbox.support.NotifyReceiver.Delivery;
import com.merchantpay.sandbox.support.SandboxTestBase;
import com.merchantpay.sandbox.support.TestKeys;
import com.merchantpay.useepay.UseePayClient;
import com.merchantpay.useepay.UseePaySettings;
import com.merchantpay.useepay.pay.JsapiPayRequest;
import com.merchantpay.useepay.pay.PayResult;
import com.merchantpay.useepay.query.PspOrderStatus;
import com.merchantpay.useepay.query.QueryResult;
import com.merchantpay.useepay.signing.SignType;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import reactor.util.context.Context;

/**
 * The real useepay-client against the running sandbox over HTTP: each of the client's outcomes
 * and every UNKNOWN variant the contract lists, for MD5 and for RSA.
 */
class ClientContractTest extends SandboxTestBase {

    private static final Duration CALL_WAIT = Duration.ofSeconds(10);
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

    private static JsapiPayRequest order(String transactionId) {
        return new JsapiPayRequest(transactionId, 1000, "HKD", "Test goods", TestKeys.WECHAT_APP_ID,
                "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", Duration.ofMinutes(20), "203.0.113.7");
    }

    private PayResult pay(UseePayClient client, JsapiPayRequest request) {
        return client.pay(request).block(CALL_WAIT);
    }

    private QueryResult query(UseePayClient client, String transactionId) {
        return client.queryByOrderNumber(transactionId).block(CALL_WAIT);
    }

    private static Context trace(String traceId) {
        return Context.of(UseePayClient.TRACE_ID_CONTEXT_KEY, traceId);
    }

    @ParameterizedTest
    @EnumSource(SignType.class)
    void theTraceIdInThePayContextIsKeptWithTheOrderAndComesBackOnItsNotification(SignType type) {
        String id = orderNumber("trace");
        String traceId = "trace-" + id;

        assertThat(client(type).pay(order(id)).contextWrite(trace(traceId)).block(CALL_WAIT))
                .isInstanceOf(PayResult.Accepted.class);
        http.get().uri("/sandbox/orders/" + id).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.traceId").isEqualTo(traceId);

        http.post().uri("/sandbox/orders/" + id + "/pay").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.traceId").isEqualTo(traceId);
        await().atMost(CALL_WAIT).until(() -> !receiver.deliveriesFor(id).isEmpty());
        Delivery notification = receiver.deliveriesFor(id).getFirst();
        assertThat(notification.header("X-Trace-Id")).isEqualTo(traceId);
        assertThat(notification.fields()).containsEntry("resultCode", "succeed");
    }

    @Test
    void aQueryWithItsOwnTraceIdLeavesTheOrdersTraceIdAlone() {
        UseePayClient client = client(SignType.MD5);
        String id = orderNumber("trace-q");
        client.pay(order(id)).contextWrite(trace("trace-create-" + id)).block(CALL_WAIT);

        assertThat(client.queryByOrderNumber(id).contextWrite(trace("trace-query-" + id)).block(CALL_WAIT))
                .isInstanceOf(QueryResult.Found.class);
        http.get().uri("/sandbox/orders/" + id).exchange().expectBody()
                .jsonPath("$.traceId").isEqualTo("trace-create-" + id);
    }

    @Test
    void anOrderCreatedWithoutATraceIdHasNoneAndItsNotificationCarriesNoHeader() {
        String id = orderNumber("untraced");
        pay(client(SignType.MD5), order(id));
        http.get().uri("/sandbox/orders/" + id).exchange().expectBody().jsonPath("$.traceId").doesNotExist();

        http.post().uri("/sandbox/orders/" + id + "/fail").exchange().expectStatus().isOk();
        await().atMost(CALL_WAIT).until(() -> !receiver.deliveriesFor(id).isEmpty());
        assertThat(receiver.deliveriesFor(id).getFirst().header("X-Trace-Id")).isNull();
    }

    /** The recovery's query and second pay run in the caller's context: the sandbox logs each with the id. */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void payOrRecoverSendsTheTraceIdOnEveryCallOfTheRecovery(CapturedOutput output) {
        faults("{\"duplicateCreate\":\"REJECT\",\"rules\":{\"PAY_SERVER_ERROR\":{\"next\":1}}}");
        String id = orderNumber("trace-r");

        PayResult result = client(SignType.MD5).payOrRecover(order(id)).contextWrite(trace("trace-recover-" + id))
                .block(CALL_WAIT);

        assertThat(result).isInstanceOf(PayResult.Existing.class);
        http.get().uri("/sandbox/counters/" + id).exchange().expectBody()
                .jsonPath("$.creates").isEqualTo(2).jsonPath("$.queries").isEqualTo(1);
        http.get().uri("/sandbox/orders/" + id).exchange().expectBody()
                .jsonPath("$.traceId").isEqualTo("trace-recover-" + id);
        assertThat(output.getOut())
                .contains("order " + id + " created (HKD 1000 minor units), trace trace-recover-" + id)
                .contains("order " + id + " queried: received, trace trace-recover-" + id)
                .contains("order " + id + " asked for again (duplicate create), trace trace-recover-" + id);
    }

    @ParameterizedTest
    @EnumSource(SignType.class)
    void aCreatedOrderIsAcceptedWithReceivedAndThePaymentParameters(SignType type) {
        String id = orderNumber("accept");
        PayResult result = pay(client(type), order(id));

        assertThat(result).isInstanceOfSatisfying(PayResult.Accepted.class, accepted -> {
            assertThat(accepted.resultCode()).isEqualTo("received");
            assertThat(accepted.reference()).startsWith("SBX");
            assertThat(accepted.payment().appId()).isEqualTo(TestKeys.WECHAT_APP_ID);
            assertThat(accepted.payment().packageValue()).startsWith("prepay_id=");
            assertThat(accepted.payment().signType()).isEqualTo("RSA");
            assertThat(accepted.payment().nonceStr()).hasSize(32);
        });
    }

    @ParameterizedTest
    @EnumSource(SignType.class)
    void pendingAndSucceedCreateRepliesAlsoMeanAwaitingPayment(SignType type) {
        UseePayClient client = client(type);
        for (String code : new String[] {"pending", "succeed"}) {
            faults("{\"createdResultCode\":\"" + code + "\"}");
            assertThat(pay(client, order(orderNumber(code))))
                    .isInstanceOfSatisfying(PayResult.Accepted.class, a -> assertThat(a.resultCode()).isEqualTo(code));
        }
    }

    @ParameterizedTest
    @EnumSource(SignType.class)
    void theNoceStrSpellingStillYieldsANonceStr(SignType type) {
        faults("{\"noceStr\":true}");
        PayResult result = pay(client(type), order(orderNumber("noce")));

        assertThat(result).isInstanceOfSatisfying(PayResult.Accepted.class,
                accepted -> assertThat(accepted.payment().nonceStr()).hasSize(32));
    }

    @ParameterizedTest
    @EnumSource(SignType.class)
    void anInvalidOrderIsRejectedWith1001(SignType type) {
        JsapiPayRequest euro = new JsapiPayRequest(orderNumber("eur"), 1000, "EUR", "Test goods",
                TestKeys.WECHAT_APP_ID, "openid", Duration.ofMinutes(20), null);

        assertThat(pay(client(type), euro)).isInstanceOfSatisfying(PayResult.Rejected.class,
                rejected -> assertThat(rejected.errorCode()).isEqualTo("1001"));
    }

    @ParameterizedTest
    @EnumSource(SignType.class)
    void anIdempotentDuplicateCreateReturnsTheSameOrder(SignType type) {
        UseePayClient client = client(type);
        String id = orderNumber("idem");
        PayResult first = pay(client, order(id));
        PayResult second = pay(client, order(id));

        assertThat(second).isEqualTo(first);
        assertThat(http.get().uri("/sandbox/counters/" + id).exchange().expectBody(String.class).returnResult()
                .getResponseBody()).contains("\"creates\":2");
        http.get().uri("/sandbox/orders").exchange().expectBody()
                .jsonPath("$[?(@.transactionId=='" + id + "')]").value(list ->
                        assertThat((java.util.List<?>) list).hasSize(1));
    }

    @ParameterizedTest
    @EnumSource(SignType.class)
    void aRejectedDuplicateCreateIsRecoveredThroughQuery(SignType type) {
        faults("{\"duplicateCreate\":\"REJECT\"}");
        UseePayClient client = client(type);
        String id = orderNumber("dup");
        assertThat(pay(client, order(id))).isInstanceOf(PayResult.Accepted.class);

        assertThat(pay(client, order(id))).isInstanceOfSatisfying(PayResult.Rejected.class,
                rejected -> assertThat(rejected.errorCode()).isEqualTo("1001"));
        assertThat(client.payOrRecover(order(id)).block(CALL_WAIT)).isInstanceOfSatisfying(PayResult.Existing.class,
                existing -> assertThat(existing.status()).isEqualTo(PspOrderStatus.RECEIVED));
    }

    @ParameterizedTest
    @EnumSource(SignType.class)
    void aQueryFindsTheOrderByNumberAndByReferenceInEveryState(SignType type) {
        UseePayClient client = client(type);
        String id = orderNumber("query");
        PayResult.Accepted accepted = (PayResult.Accepted) pay(client, order(id));

        assertThat(query(client, id)).isInstanceOfSatisfying(QueryResult.Found.class, found -> {
            assertThat(found.status()).isEqualTo(PspOrderStatus.RECEIVED);
            assertThat(found.amountMinor()).isEqualTo(1000L);
            assertThat(found.currency()).isEqualTo("HKD");
        });
        http.post().uri("/sandbox/orders/" + id + "/pay").exchange().expectStatus().isOk();
        assertThat(client.queryByReference(accepted.reference()).block(CALL_WAIT))
                .isInstanceOfSatisfying(QueryResult.Found.class, found -> {
                    assertThat(found.transactionId()).isEqualTo(id);
                    assertThat(found.status()).isEqualTo(PspOrderStatus.SUCCEED);
                });
    }

    @ParameterizedTest
    @EnumSource(SignType.class)
    void anExpiredOrderQueriesAsClosedWith3300(SignType type) {
        UseePayClient client = client(type);
        String id = orderNumber("closed");
        pay(client, order(id));
        http.post().uri("/sandbox/orders/" + id + "/expire").exchange().expectStatus().isOk();

        assertThat(query(client, id)).isInstanceOfSatisfying(QueryResult.Found.class, found -> {
            assertThat(found.status()).isEqualTo(PspOrderStatus.CLOSED);
            assertThat(found.errorCode()).isEqualTo("3300");
        });
    }

    @ParameterizedTest
    @EnumSource(SignType.class)
    void aQueryTransactionTypeOfSaleIsStillThePayment(SignType type) {
        UseePayClient client = client(type);
        String id = orderNumber("sale");
        pay(client, order(id));
        faults("{\"saleInQuery\":true}");

        assertThat(query(client, id)).isInstanceOfSatisfying(QueryResult.Found.class,
                found -> assertThat(found.status()).isEqualTo(PspOrderStatus.RECEIVED));
    }

    @ParameterizedTest
    @EnumSource(SignType.class)
    void anOrderUseePayNeverSawIsNotFound(SignType type) {
        assertThat(query(client(type), orderNumber("never"))).isInstanceOf(QueryResult.NotFound.class);
    }

    @ParameterizedTest
    @EnumSource(SignType.class)
    void aServerErrorIsUnknownAndTheOrderMayExist(SignType type) {
        UseePayClient client = client(type);
        String id = orderNumber("500");
        faults("{\"rules\":{\"PAY_SERVER_ERROR\":{\"next\":1},\"QUERY_SERVER_ERROR\":{\"next\":1}}}");

        assertThat(pay(client, order(id))).isInstanceOf(PayResult.Unknown.class);
        assertThat(query(client, id)).isInstanceOf(QueryResult.Unknown.class);
        assertThat(query(client, id)).isInstanceOf(QueryResult.Found.class);
    }

    @ParameterizedTest
    @EnumSource(SignType.class)
    void anUnparsableReplyIsUnknown(SignType type) {
        UseePayClient client = client(type);
        String id = orderNumber("garbage");
        faults("{\"rules\":{\"PAY_UNPARSABLE\":{\"next\":1},\"QUERY_UNPARSABLE\":{\"next\":1}}}");

        assertThat(pay(client, order(id))).isInstanceOf(PayResult.Unknown.class);
        assertThat(query(client, id)).isInstanceOf(QueryResult.Unknown.class);
    }

    @ParameterizedTest
    @EnumSource(SignType.class)
    void aReplySlowerThanTheClientTimeoutIsUnknown(SignType type) {
        UseePayClient client = client(type);
        String id = orderNumber("slow");
        faults("{\"stall\":\"PT5S\",\"rules\":{\"PAY_TIMEOUT\":{\"next\":1},\"QUERY_TIMEOUT\":{\"next\":1}}}");

        assertThat(pay(client, order(id))).isInstanceOf(PayResult.Unknown.class);
        assertThat(query(client, id)).isInstanceOf(QueryResult.Unknown.class);
        // The order was created before the reply stalled: exactly what "query before retrying" is for.
        assertThat(query(client, id)).isInstanceOf(QueryResult.Found.class);
    }

    @ParameterizedTest
    @EnumSource(SignType.class)
    void aBadlySignedReplyIsUnknown(SignType type) {
        UseePayClient client = client(type);
        String id = orderNumber("badsig");
        faults("{\"rules\":{\"PAY_BAD_SIGNATURE\":{\"next\":1},\"QUERY_BAD_SIGNATURE\":{\"next\":1}}}");

        assertThat(pay(client, order(id))).isInstanceOf(PayResult.Unknown.class);
        assertThat(query(client, id)).isInstanceOf(QueryResult.Unknown.class);
    }

    @ParameterizedTest
    @EnumSource(SignType.class)
    void payOrRecoverResolvesAnUnknownCreateWithoutASecondOrder(SignType type) {
        UseePayClient client = client(type);
        String id = orderNumber("recover");
        faults("{\"rules\":{\"PAY_SERVER_ERROR\":{\"next\":1}}}");

        PayResult result = client.payOrRecover(order(id)).block(CALL_WAIT);

        assertThat(result).isInstanceOfAny(PayResult.Accepted.class, PayResult.Existing.class);
        http.get().uri("/sandbox/orders").exchange().expectBody()
                .jsonPath("$[?(@.transactionId=='" + id + "')]").value(list ->
                        assertThat((java.util.List<?>) list).hasSize(1));
    }
}
