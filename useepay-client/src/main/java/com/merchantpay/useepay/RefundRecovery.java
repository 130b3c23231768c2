package com.merchantpay.useepay;

import com.merchantpay.useepay.query.PspOrderStatus;
import com.merchantpay.useepay.query.QueryResult;
import com.merchantpay.useepay.refund.RefundRequest;
import com.merchantpay.useepay.refund.RefundResult;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * {@code refundOrRecover}'s decisions, apart from HTTP. The contract leaves open what a second
 * refund with the same {@code transactionId} does (the same refund again, or {@code failed}/{@code 1001}),
 * and an unknown outcome may hide a refund that was made. Only a query of the refund's own
 * transactionId tells; a refund is sent again only once a query has shown UseePay never saw it.
 *
 * <p>What the query finds must be this refund: the same order, amount and currency. A refund
 * number UseePay holds for something else is a conflict ({@link #ID_CONFLICT}), never taken as
 * this refund made, or money would be reported back that never went back.
 */
final class RefundRecovery {

    /** Our error code for a refund number UseePay holds for another refund. */
    static final String ID_CONFLICT = "REFUND_ID_CONFLICT";

    /** The statuses in which UseePay holds a refund; anything else found is not taken as held. */
    private static final Set<PspOrderStatus> HELD = EnumSet.of(PspOrderStatus.RECEIVED, PspOrderStatus.PENDING,
            PspOrderStatus.SUCCEED);

    private final Function<RefundRequest, Mono<RefundResult>> refund;
    private final Function<String, Mono<QueryResult>> queryRefund;

    RefundRecovery(Function<RefundRequest, Mono<RefundResult>> refund, Function<String, Mono<QueryResult>> queryRefund) {
        this.refund = refund;
        this.queryRefund = queryRefund;
    }

    Mono<RefundResult> refundOrRecover(RefundRequest request) {
        return refund.apply(request).flatMap(first -> switch (first) {
            case RefundResult.Accepted accepted -> Mono.just(accepted);
            case RefundResult.Rejected rejected when !PayRecovery.DUPLICATE_OR_INVALID.equals(rejected.errorCode()) -> Mono.just(rejected);
            case RefundResult.Rejected rejected -> queryRefund.apply(request.transactionId())
                    .map(found -> fromQuery(found, request, rejected, "refund rejected with 1001"));
            case RefundResult.Unknown unknown -> queryRefund.apply(request.transactionId())
                    .map(found -> fromQuery(found, request, new RefundResult.Unknown("refund outcome unknown (" + unknown.cause()
                            + ") and UseePay does not know the refund yet; refunding again later is safe"),
                            "refund outcome unknown (" + unknown.cause() + ")"));
        });
    }

    /** A later attempt after an earlier one ended unknown (a retry, a redelivery): query first, refund only if UseePay never saw it. */
    Mono<RefundResult> resume(RefundRequest request) {
        return queryRefund.apply(request.transactionId()).flatMap(found -> found instanceof QueryResult.NotFound
                ? refundOrRecover(request)
                : Mono.just(fromQuery(found, request, null, "an earlier attempt ended unknown")));
    }

    private static RefundResult fromQuery(QueryResult found, RefundRequest request, RefundResult whenNotFound, String doubt) {
        return switch (found) {
            case QueryResult.Found refund when !isThisRefund(refund, request) -> new RefundResult.Rejected(ID_CONFLICT,
                    "UseePay holds refund " + request.transactionId() + " for another order, amount or currency");
            case QueryResult.Found refund when refund.status() == PspOrderStatus.FAILED ->
                    new RefundResult.Rejected(refund.errorCode(), refund.errorMessage());
            case QueryResult.Found refund when HELD.contains(refund.status()) -> new RefundResult.Accepted(
                    refund.transactionId(), refund.reference(), refund.statusWireValue());
            case QueryResult.Found refund -> new RefundResult.Unknown(doubt + " and the query found the refund "
                    + WireValues.quoted(refund.statusWireValue()));
            case QueryResult.NotFound notFound -> whenNotFound;
            case QueryResult.Unknown unknown -> new RefundResult.Unknown(doubt + " and the follow-up query too ("
                    + unknown.cause() + ")");
        };
    }

    /** Fields UseePay leaves out cannot contradict; fields it sends must match what we asked for. */
    private static boolean isThisRefund(QueryResult.Found refund, RefundRequest request) {
        return (refund.originalTransactionId() == null || refund.originalTransactionId().equals(request.originalTransactionId()))
                && (refund.amountMinor() == null || refund.amountMinor() == request.amountMinor())
                && (refund.currency() == null || refund.currency().equalsIgnoreCase(request.currency()));
    }
}
