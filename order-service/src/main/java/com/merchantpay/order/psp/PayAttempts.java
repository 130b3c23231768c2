package com.merchantpay.order.psp;

import com.merchantpay.useepay.UseePayClient;
import com.merchantpay.useepay.pay.JsapiPayRequest;
import com.merchantpay.useepay.pay.PayResult;
import com.merchantpay.useepay.query.PspOrderStatus;
import com.merchantpay.useepay.query.QueryResult;
import reactor.core.publisher.Mono;

/**
 * One attempt at placing an order, resolving doubt through query before anything else.
 *
 * <p>Like the client's {@code payOrRecover}, with one difference that matters under load: when UseePay
 * holds the order and the follow-up {@code pay} (asking for its parameters again) gets no answer
 * either, the result stays {@code Unknown} and is retried later — {@code payOrRecover} reports it as
 * {@code Existing}, which would reject a perfectly recoverable order for a mere timeout.
 * {@code Existing} here always means UseePay holds the order and refuses to hand it out again.
 */
final class PayAttempts {

    private static final String DUPLICATE_OR_INVALID = "1001";

    private final UseePayClient client;

    PayAttempts(UseePayClient client) {
        this.client = client;
    }

    /** The first attempt: pay, then resolve whatever is unclear. */
    Mono<PayResult> first(JsapiPayRequest request) {
        return client.pay(request).flatMap(result -> afterPay(request, result));
    }

    /** Every later attempt follows an unknown outcome, so it starts with a query; unknown to UseePay → pay afresh. */
    Mono<PayResult> again(JsapiPayRequest request) {
        return client.queryByOrderNumber(request.transactionId()).flatMap(found -> found instanceof QueryResult.NotFound
                ? first(request) : resolve(request, found));
    }

    /** What a query says about an order whose pay outcome is unknown. */
    private Mono<PayResult> resolve(JsapiPayRequest request, QueryResult found) {
        return switch (found) {
            case QueryResult.NotFound notFound -> Mono.just(new PayResult.Unknown(
                    "UseePay does not know the order (yet); paying again after a back-off is safe"));
            case QueryResult.Found held when awaitsPayment(held) -> payAgain(request, held);
            case QueryResult.Found held -> Mono.just(existing(held));
            case QueryResult.Unknown unknown -> Mono.just(new PayResult.Unknown("query: " + unknown.cause()));
        };
    }

    private Mono<PayResult> afterPay(JsapiPayRequest request, PayResult result) {
        return switch (result) {
            case PayResult.Rejected rejected when DUPLICATE_OR_INVALID.equals(rejected.errorCode()) ->
                    client.queryByOrderNumber(request.transactionId()).map(found -> switch (found) {
                        case QueryResult.Found held -> existing(held);
                        case QueryResult.NotFound notFound -> rejected;
                        case QueryResult.Unknown unknown -> new PayResult.Unknown("1001, then query: " + unknown.cause());
                    });
            case PayResult.Unknown unknown -> client.queryByOrderNumber(request.transactionId())
                    .flatMap(found -> resolve(request, found))
                    .map(resolved -> resolved instanceof PayResult.Unknown still
                            ? new PayResult.Unknown(unknown.cause() + "; " + still.cause()) : resolved);
            default -> Mono.just(result);
        };
    }

    /** UseePay holds the order and it awaits payment: ask for it once more (the idempotent variant hands it out). */
    private Mono<PayResult> payAgain(JsapiPayRequest request, QueryResult.Found held) {
        return client.pay(request).map(again -> switch (again) {
            case PayResult.Accepted accepted -> accepted;
            case PayResult.Rejected refusedDuplicate -> existing(held);
            case PayResult.Unknown unknown -> unknown;
            case PayResult.Existing existing -> existing;
        });
    }

    private static boolean awaitsPayment(QueryResult.Found held) {
        return held.status() == PspOrderStatus.RECEIVED || held.status() == PspOrderStatus.PENDING;
    }

    private static PayResult.Existing existing(QueryResult.Found held) {
        return new PayResult.Existing(held.transactionId(), held.reference(), held.status(), held.statusWireValue(),
                held.amountMinor(), held.currency());
    }
}
