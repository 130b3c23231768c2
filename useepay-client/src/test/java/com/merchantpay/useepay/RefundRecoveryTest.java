package com.merchantpay.useepay;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.useepay.query.PspOrderStatus;
import com.merchantpay.useepay.query.QueryResult;
import com.merchantpay.useepay.refund.RefundRequest;
import com.merchantpay.useepay.refund.RefundResult;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Each branch of refundOrRecover with UseePay's answers scripted: whatever UseePay does with a
 * repeated refund (the same refund again, or 1001) and whatever an unknown outcome hides, a second
 * refund call is only made after a query of the refund's own id showed UseePay never saw it.
 */
class RefundRecoveryTest {

    private static final RefundRequest REQUEST = new RefundRequest("MPORDER1-R1", "MPORDER1", 600, "HKD");
    private static final RefundResult.Accepted ACCEPTED = new RefundResult.Accepted("MPORDER1-R1", "UR1", "received");
    private static final RefundResult.Rejected DUPLICATE = new RefundResult.Rejected("1001", "transactionId already exists");
    private static final RefundResult.Rejected OVER_LIMIT = new RefundResult.Rejected("1001", "amount exceeds what is left to refund");
    private static final RefundResult.Unknown TIMEOUT = new RefundResult.Unknown("timeout");

    private final Deque<RefundResult> refundAnswers = new ArrayDeque<>();
    private final Deque<QueryResult> queryAnswers = new ArrayDeque<>();
    private final List<String> calls = new ArrayList<>();

    private RefundRecovery recovery() {
        Function<RefundRequest, Mono<RefundResult>> refund = request -> Mono.fromSupplier(() -> {
            calls.add("refund");
            return refundAnswers.removeFirst();
        });
        Function<String, Mono<QueryResult>> query = transactionId -> Mono.fromSupplier(() -> {
            calls.add("query " + transactionId);
            return queryAnswers.removeFirst();
        });
        return new RefundRecovery(refund, query);
    }

    private static QueryResult.Found found(PspOrderStatus status) {
        return new QueryResult.Found("MPORDER1-R1", "UR1", status, status.wireValue(), 600L, "HKD", "0000", null, "MPORDER1");
    }

    @Test
    void anAcceptedRefundNeedsNoQuery() {
        refundAnswers.add(ACCEPTED);
        assertThat(recovery().refundOrRecover(REQUEST).block(Duration.ofSeconds(5))).isEqualTo(ACCEPTED);
        assertThat(calls).containsExactly("refund");
    }

    @Test
    void aRejectionThatIsNotAboutTheIdIsFinal() {
        RefundResult.Rejected refused = new RefundResult.Rejected("0053", "refused by risk control");
        refundAnswers.add(refused);
        assertThat(recovery().refundOrRecover(REQUEST).block(Duration.ofSeconds(5))).isEqualTo(refused);
        assertThat(calls).containsExactly("refund");
    }

    /** The "reject duplicates" reading: 1001 for a refund UseePay holds is that refund, not a failure. */
    @Test
    void a1001ForARefundUseePayHoldsIsThatRefundAccepted() {
        refundAnswers.add(DUPLICATE);
        queryAnswers.add(found(PspOrderStatus.SUCCEED));
        RefundResult result = recovery().refundOrRecover(REQUEST).block(Duration.ofSeconds(5));
        assertThat(result).isEqualTo(new RefundResult.Accepted("MPORDER1-R1", "UR1", "succeed"));
        assertThat(calls).containsExactly("refund", "query MPORDER1-R1");
    }

    @Test
    void a1001ForARefundUseePayNeverSawIsAGenuineRejection() {
        refundAnswers.add(OVER_LIMIT);
        queryAnswers.add(new QueryResult.NotFound("1001", "transaction not found"));
        assertThat(recovery().refundOrRecover(REQUEST).block(Duration.ofSeconds(5))).isEqualTo(OVER_LIMIT);
    }

    @Test
    void anUnknownOutcomeIsResolvedByQueryAndNeverByRefundingAgain() {
        refundAnswers.add(TIMEOUT);
        queryAnswers.add(found(PspOrderStatus.RECEIVED));
        assertThat(recovery().refundOrRecover(REQUEST).block(Duration.ofSeconds(5)))
                .isEqualTo(new RefundResult.Accepted("MPORDER1-R1", "UR1", "received"));
        assertThat(calls).containsExactly("refund", "query MPORDER1-R1");
    }

    @Test
    void anUnknownOutcomeUseePayNeverSawStaysUnknownRatherThanRefundingBlindly() {
        refundAnswers.add(TIMEOUT);
        queryAnswers.add(new QueryResult.NotFound("1001", "transaction not found"));
        assertThat(recovery().refundOrRecover(REQUEST).block(Duration.ofSeconds(5))).isInstanceOf(RefundResult.Unknown.class);
        assertThat(calls).containsExactly("refund", "query MPORDER1-R1");
    }

    @Test
    void aRefundThatEndedFailedAtUseePayIsARejection() {
        refundAnswers.add(TIMEOUT);
        queryAnswers.add(new QueryResult.Found("MPORDER1-R1", "UR1", PspOrderStatus.FAILED, "failed", 600L, "HKD", "0053", "risk", "MPORDER1"));
        assertThat(recovery().refundOrRecover(REQUEST).block(Duration.ofSeconds(5)))
                .isEqualTo(new RefundResult.Rejected("0053", "risk"));
    }

    /** A redelivered or retried refund asks first: only a refund UseePay never saw is sent. */
    @Test
    void aLaterAttemptQueriesFirstAndRefundsOnlyWhatUseePayNeverSaw() {
        queryAnswers.add(found(PspOrderStatus.RECEIVED));
        assertThat(recovery().resume(REQUEST).block(Duration.ofSeconds(5))).isInstanceOf(RefundResult.Accepted.class);
        assertThat(calls).containsExactly("query MPORDER1-R1");

        calls.clear();
        queryAnswers.add(new QueryResult.NotFound("1001", "transaction not found"));
        refundAnswers.add(ACCEPTED);
        assertThat(recovery().resume(REQUEST).block(Duration.ofSeconds(5))).isEqualTo(ACCEPTED);
        assertThat(calls).containsExactly("query MPORDER1-R1", "refund");
    }

    /** Money reported back must be this refund's: a number UseePay holds for another refund is a conflict. */
    @Test
    void aRefundNumberHeldForAnotherOrderOrAmountIsAConflictNeverAccepted() {
        refundAnswers.add(DUPLICATE);
        queryAnswers.add(new QueryResult.Found("MPORDER1-R1", "UR9", PspOrderStatus.SUCCEED, "succeed", 400L, "HKD",
                "0000", null, "MPORDER1"));
        assertThat(recovery().refundOrRecover(REQUEST).block(Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(RefundResult.Rejected.class,
                        rejected -> assertThat(rejected.errorCode()).isEqualTo(RefundRecovery.ID_CONFLICT));

        queryAnswers.add(new QueryResult.Found("MPORDER1-R1", "UR9", PspOrderStatus.RECEIVED, "received", 600L, "HKD",
                "0000", null, "MPORDER2"));
        assertThat(recovery().resume(REQUEST).block(Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(RefundResult.Rejected.class,
                        rejected -> assertThat(rejected.errorCode()).isEqualTo(RefundRecovery.ID_CONFLICT));
    }

    /** Only received, pending and succeed mean UseePay holds the refund; a closed or strange status is no proof. */
    @Test
    void aRefundFoundInAStatusThatDoesNotHoldMoneyIsUnknown() {
        refundAnswers.add(TIMEOUT);
        queryAnswers.add(found(PspOrderStatus.CLOSED));
        assertThat(recovery().refundOrRecover(REQUEST).block(Duration.ofSeconds(5))).isInstanceOf(RefundResult.Unknown.class);
        assertThat(calls).containsExactly("refund", "query MPORDER1-R1");
    }
}
