package com.merchantpay.useepay;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.useepay.pay.JsapiPayRequest;
import com.merchantpay.useepay.pay.PayResult;
import com.merchantpay.useepay.pay.WxPaymentParameters;
import com.merchantpay.useepay.query.PspOrderStatus;
import com.merchantpay.useepay.query.QueryResult;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/** Each branch of payOrRecover, with UseePay's answers scripted (no HTTP involved). */
class PayRecoveryTest {

    private static final JsapiPayRequest REQUEST = PayReplyReaderTest.SENT;
    private static final PayResult.Accepted ACCEPTED = new PayResult.Accepted("ORDER20240101001", "UP1", 1000, "HKD",
            "received", new WxPaymentParameters("wx1", "1", "n", "prepay_id=1", "RSA", "s"));
    private static final PayResult.Rejected DUPLICATE = new PayResult.Rejected("1001", "duplicate transactionId");
    private static final PayResult.Unknown TIMEOUT = new PayResult.Unknown("timeout");

    private final Deque<PayResult> payAnswers = new ArrayDeque<>();
    private final List<String> calls = new ArrayList<>();

    private PayResult recover(QueryResult queryAnswer, PayResult... payResults) {
        payAnswers.addAll(List.of(payResults));
        Function<JsapiPayRequest, Mono<PayResult>> pay = request -> Mono.fromSupplier(() -> {
            calls.add("pay");
            return payAnswers.removeFirst();
        });
        Function<String, Mono<QueryResult>> query = transactionId -> Mono.fromSupplier(() -> {
            calls.add("query " + transactionId);
            return queryAnswer;
        });
        return new PayRecovery(pay, query).payOrRecover(REQUEST).block(Duration.ofSeconds(5));
    }

    private static QueryResult.Found found(PspOrderStatus status) {
        return new QueryResult.Found("ORDER20240101001", "UP1", status, status.wireValue(), 1000L, "HKD", "0000", null, null);
    }

    private static PayResult.Existing existing(PspOrderStatus status) {
        return new PayResult.Existing("ORDER20240101001", "UP1", status, status.wireValue(), 1000L, "HKD");
    }

    /** The caller's trace id reaches the follow-up query and the second pay, not only the first pay. */
    @Test
    void everyCallOfTheRecoverySeesTheCallersTraceId() {
        payAnswers.addAll(List.of(TIMEOUT, ACCEPTED));
        Function<JsapiPayRequest, Mono<PayResult>> pay = request -> Mono.deferContextual(context -> {
            calls.add("pay trace=" + context.getOrDefault(UseePayClient.TRACE_ID_CONTEXT_KEY, "none"));
            return Mono.just(payAnswers.removeFirst());
        });
        Function<String, Mono<QueryResult>> query = transactionId -> Mono.deferContextual(context -> {
            calls.add("query trace=" + context.getOrDefault(UseePayClient.TRACE_ID_CONTEXT_KEY, "none"));
            return Mono.just(found(PspOrderStatus.PENDING));
        });

        PayResult result = new PayRecovery(pay, query).payOrRecover(REQUEST)
                .contextWrite(Context.of(UseePayClient.TRACE_ID_CONTEXT_KEY, "trace-recovery-1"))
                .block(Duration.ofSeconds(5));

        assertThat(result).isEqualTo(ACCEPTED);
        assertThat(calls).containsExactly("pay trace=trace-recovery-1", "query trace=trace-recovery-1",
                "pay trace=trace-recovery-1");
    }

    @Test
    void acceptedNeedsNoQuery() {
        assertThat(recover(null, ACCEPTED)).isEqualTo(ACCEPTED);
        assertThat(calls).containsExactly("pay");
    }

    @Test
    void aDefiniteRejectionOtherThan1001NeedsNoQuery() {
        PayResult.Rejected risk = new PayResult.Rejected("0053", "risk control");
        assertThat(recover(null, risk)).isEqualTo(risk);
        assertThat(calls).containsExactly("pay");
    }

    @Test
    void rejected1001ForAnOrderUseePayHoldsIsExisting() {
        assertThat(recover(found(PspOrderStatus.RECEIVED), DUPLICATE)).isEqualTo(existing(PspOrderStatus.RECEIVED));
        assertThat(calls).containsExactly("pay", "query ORDER20240101001");
    }

    @Test
    void rejected1001ForAnOrderUseePayDoesNotHoldIsAGenuineRejection() {
        assertThat(recover(new QueryResult.NotFound("1001", "not found"), DUPLICATE)).isEqualTo(DUPLICATE);
    }

    @Test
    void rejected1001WithAnInconclusiveQueryIsUnknown() {
        assertThat(recover(new QueryResult.Unknown("timeout"), DUPLICATE)).isInstanceOf(PayResult.Unknown.class);
    }

    @Test
    void unknownThenFoundAwaitingPaymentAsksOnceMoreAndTheIdempotentVariantGivesTheParameters() {
        assertThat(recover(found(PspOrderStatus.PENDING), TIMEOUT, ACCEPTED)).isEqualTo(ACCEPTED);
        assertThat(calls).containsExactly("pay", "query ORDER20240101001", "pay");
    }

    @Test
    void unknownThenFoundAwaitingPaymentWithThe1001VariantIsExisting() {
        assertThat(recover(found(PspOrderStatus.RECEIVED), TIMEOUT, DUPLICATE)).isEqualTo(existing(PspOrderStatus.RECEIVED));
    }

    /** A timeout is no reason to give up an order UseePay holds: the caller retries later. */
    @Test
    void unknownThenFoundAndTheSecondPayAlsoUnknownStaysUnknown() {
        assertThat(recover(found(PspOrderStatus.RECEIVED), TIMEOUT, TIMEOUT)).isInstanceOf(PayResult.Unknown.class);
    }

    @Test
    void resumingAfterUnknownQueriesFirstAndPaysAfreshOnlyWhenUseePayNeverSawTheOrder() {
        payAnswers.add(ACCEPTED);
        PayResult result = new PayRecovery(scriptedPay(), transactionId -> Mono.fromSupplier(() -> {
            calls.add("query " + transactionId);
            return new QueryResult.NotFound("1001", "not found");
        })).resume(REQUEST).block(Duration.ofSeconds(5));
        assertThat(result).isEqualTo(ACCEPTED);
        assertThat(calls).containsExactly("query ORDER20240101001", "pay");
    }

    @Test
    void resumingAfterUnknownForAnOrderUseePayHoldsAsksForItsParametersWithoutCreatingAnother() {
        payAnswers.add(DUPLICATE);
        PayResult result = new PayRecovery(scriptedPay(), transactionId -> Mono.fromSupplier(() -> {
            calls.add("query " + transactionId);
            return found(PspOrderStatus.RECEIVED);
        })).resume(REQUEST).block(Duration.ofSeconds(5));
        assertThat(result).isEqualTo(existing(PspOrderStatus.RECEIVED));
        assertThat(calls).containsExactly("query ORDER20240101001", "pay");
    }

    private Function<JsapiPayRequest, Mono<PayResult>> scriptedPay() {
        return request -> Mono.fromSupplier(() -> {
            calls.add("pay");
            return payAnswers.removeFirst();
        });
    }

    @Test
    void unknownThenFoundAlreadyPaidIsExistingWithoutPayingAgain() {
        assertThat(recover(found(PspOrderStatus.SUCCEED), TIMEOUT)).isEqualTo(existing(PspOrderStatus.SUCCEED));
        assertThat(calls).containsExactly("pay", "query ORDER20240101001");
    }

    @Test
    void unknownThenFoundClosedOrUnrecognisedIsExistingWithoutPayingAgain() {
        assertThat(recover(found(PspOrderStatus.CLOSED), TIMEOUT)).isEqualTo(existing(PspOrderStatus.CLOSED));
        calls.clear();
        assertThat(recover(found(PspOrderStatus.UNRECOGNISED), TIMEOUT)).isInstanceOf(PayResult.Existing.class);
        assertThat(calls).containsExactly("pay", "query ORDER20240101001");
    }

    @Test
    void unknownThenNotFoundStaysUnknownAndDoesNotPayAgain() {
        assertThat(recover(new QueryResult.NotFound("1001", "no such order"), TIMEOUT))
                .isInstanceOfSatisfying(PayResult.Unknown.class, unknown -> assertThat(unknown.cause()).contains("timeout"));
        assertThat(calls).containsExactly("pay", "query ORDER20240101001");
    }

    @Test
    void unknownThenUnknownQueryStaysUnknown() {
        assertThat(recover(new QueryResult.Unknown("HTTP 502"), TIMEOUT)).isInstanceOf(PayResult.Unknown.class);
        assertThat(calls).containsExactly("pay", "query ORDER20240101001");
    }
}
