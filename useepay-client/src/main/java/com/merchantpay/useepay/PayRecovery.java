package com.merchantpay.useepay;

import com.merchantpay.useepay.pay.JsapiPayRequest;
import com.merchantpay.useepay.pay.PayResult;
import com.merchantpay.useepay.query.PspOrderStatus;
import com.merchantpay.useepay.query.QueryResult;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * {@code payOrRecover}'s decisions, apart from HTTP so that each branch can be tested on its own.
 *
 * <p>UseePay answers a second create with the same {@code transactionId} either with the same order
 * again (idempotent) or with {@code failed}/{@code 1001}, and an unknown outcome may hide an order
 * that was created. The query tells which; a second {@code pay} is only sent once the query has
 * shown that UseePay already holds the order, so it can never create a second one.
 */
final class PayRecovery {

    static final String DUPLICATE_OR_INVALID = "1001";

    private final Function<JsapiPayRequest, Mono<PayResult>> pay;
    private final Function<String, Mono<QueryResult>> queryByTransactionId;

    PayRecovery(Function<JsapiPayRequest, Mono<PayResult>> pay, Function<String, Mono<QueryResult>> queryByTransactionId) {
        this.pay = pay;
        this.queryByTransactionId = queryByTransactionId;
    }

    Mono<PayResult> payOrRecover(JsapiPayRequest request) {
        return pay.apply(request).flatMap(first -> switch (first) {
            case PayResult.Accepted accepted -> Mono.just(accepted);
            case PayResult.Rejected rejected when !DUPLICATE_OR_INVALID.equals(rejected.errorCode()) -> Mono.just(rejected);
            case PayResult.Rejected rejected -> afterDuplicateRejection(request, rejected);
            case PayResult.Unknown unknown -> afterUnknown(request, unknown);
            case PayResult.Existing existing -> Mono.just(existing);
        });
    }

    /** {@code 1001} is either "duplicate" or a genuinely invalid parameter; only the query tells. */
    private Mono<PayResult> afterDuplicateRejection(JsapiPayRequest request, PayResult.Rejected rejected) {
        return queryByTransactionId.apply(request.transactionId()).map(found -> switch (found) {
            case QueryResult.Found order -> existing(order);
            case QueryResult.NotFound notFound -> rejected;
            case QueryResult.Unknown unknown -> new PayResult.Unknown(
                    "pay rejected with 1001 and the follow-up query was inconclusive: " + unknown.cause());
        });
    }

    /**
     * A later attempt after an earlier one ended unknown: query first; UseePay never saw the order →
     * pay afresh (with the same recovery), else settle from what the query shows.
     */
    Mono<PayResult> resume(JsapiPayRequest request) {
        return queryByTransactionId.apply(request.transactionId()).flatMap(found -> found instanceof QueryResult.NotFound
                ? payOrRecover(request)
                : fromQuery(request, found, "an earlier attempt ended unknown"));
    }

    private Mono<PayResult> afterUnknown(JsapiPayRequest request, PayResult.Unknown first) {
        return queryByTransactionId.apply(request.transactionId())
                .flatMap(found -> fromQuery(request, found, "pay outcome unknown (" + first.cause() + ")"));
    }

    /**
     * What a query says about an order whose pay outcome is unknown. If UseePay holds it and it awaits
     * payment, one more pay asks for its parameters: the idempotent variant hands them out again, the
     * other answers 1001 ({@code Existing}); no answer to that pay either stays {@code Unknown}, since
     * a timeout is no reason to give the order up.
     */
    private Mono<PayResult> fromQuery(JsapiPayRequest request, QueryResult found, String doubt) {
        return switch (found) {
            case QueryResult.Found order when awaitsPayment(order.status()) -> pay.apply(request)
                    .map(again -> switch (again) {
                        case PayResult.Accepted accepted -> accepted;
                        case PayResult.Unknown unknown -> new PayResult.Unknown(doubt + "; UseePay holds the order,"
                                + " and asking for its parameters again got no answer (" + unknown.cause() + ")");
                        case PayResult.Rejected refusedDuplicate -> existing(order);
                        case PayResult.Existing existing -> existing;
                    });
            case QueryResult.Found order -> Mono.just(existing(order));
            case QueryResult.NotFound notFound -> Mono.just(new PayResult.Unknown(
                    doubt + " and UseePay does not know the order yet; paying again later is safe"));
            case QueryResult.Unknown unknown -> Mono.just(new PayResult.Unknown(
                    doubt + " and the follow-up query too (" + unknown.cause() + ")"));
        };
    }

    private static boolean awaitsPayment(PspOrderStatus status) {
        return status == PspOrderStatus.RECEIVED || status == PspOrderStatus.PENDING;
    }

    private static PayResult existing(QueryResult.Found order) {
        return new PayResult.Existing(order.transactionId(), order.reference(), order.status(),
                order.statusWireValue(), order.amountMinor(), order.currency());
    }
}
