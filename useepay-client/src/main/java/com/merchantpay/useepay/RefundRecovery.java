package com.merchantpay.useepay;

import com.merchantpay.useepay.query.PspOrderStatus;
import com.merchantpay.useepay.query.QueryResult;
import com.merchantpay.useepay.refund.RefundRequest;
import com.merchantpay.useepay.refund.RefundResult;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * {@code refundOrRecover}'s decisions, apart from HTTP. The contract leaves open what a second
 * refund with the same {@code transactionId} does (the same refund again, or {@code failed}/{@code 1001}),
 * and an unknown outcome may hide a refund that was made. Only a query of the refund's own
 * transactionId tells; a refund is sent again only once a query has shown UseePay never saw it.
 */
final class RefundRecovery {

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
                    .map(found -> fromQuery(found, rejected, "refund rejected with 1001"));
            case RefundResult.Unknown unknown -> queryRefund.apply(request.transactionId())
                    .map(found -> fromQuery(found, new RefundResult.Unknown("refund outcome unknown (" + unknown.cause()
                            + ") and UseePay does not know the refund yet; refunding again later is safe"),
                            "refund outcome unknown (" + unknown.cause() + ")"));
        });
    }

    /** A later attempt after an earlier one ended unknown (a retry, a redelivery): query first, refund only if UseePay never saw it. */
    Mono<RefundResult> resume(RefundRequest request) {
        return queryRefund.apply(request.transactionId()).flatMap(found -> found instanceof QueryResult.NotFound
                ? refundOrRecover(request)
                : Mono.just(fromQuery(found, null, "an earlier attempt ended unknown")));
    }

    private static RefundResult fromQuery(QueryResult found, RefundResult whenNotFound, String doubt) {
        return switch (found) {
            case QueryResult.Found refund when refund.status() == PspOrderStatus.FAILED ->
                    new RefundResult.Rejected(refund.errorCode(), refund.errorMessage());
            case QueryResult.Found refund -> new RefundResult.Accepted(refund.transactionId(), refund.reference(),
                    refund.statusWireValue());
            case QueryResult.NotFound notFound -> whenNotFound;
            case QueryResult.Unknown unknown -> new RefundResult.Unknown(doubt + " and the follow-up query too ("
                    + unknown.cause() + ")");
        };
    }
}
