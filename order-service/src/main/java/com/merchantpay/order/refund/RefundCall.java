package com.merchantpay.order.refund;

import com.merchantpay.events.refund.RefundApproved;
import com.merchantpay.order.psp.PlacementProperties;
import com.merchantpay.useepay.UseePayClient;
import com.merchantpay.useepay.refund.RefundRequest;
import com.merchantpay.useepay.refund.RefundResult;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.retry.Retry;

/**
 * Asks UseePay for one approved refund and resolves any doubt before answering. Every attempt is
 * {@code resumeRefundAfterUnknown}, which queries the refund's own transactionId first and refunds
 * only what UseePay never saw: this consumer cannot tell a first delivery from a redelivery after a
 * crash or a replay, and a refund costs one query more, never a second refund.
 */
final class RefundCall {

    private final UseePayClient client;
    private final PlacementProperties retry;

    RefundCall(UseePayClient client, PlacementProperties retry) {
        this.client = client;
        this.retry = retry;
    }

    /** Completes with Accepted, Rejected, or Unknown once the retries ran out; never with an error. */
    Mono<RefundResult> refund(RefundApproved approved) {
        RefundRequest request = new RefundRequest(approved.getRefundId(), approved.getOrderNo(), approved.getAmountMinor(),
                approved.getCurrency());
        return Mono.defer(() -> client.resumeRefundAfterUnknown(request))
                .flatMap(result -> result instanceof RefundResult.Unknown
                        ? Mono.<RefundResult>error(new StillUnknown((RefundResult.Unknown) result))
                        : Mono.just(result))
                .retryWhen(Retry.backoff(retry.retries(), retry.minBackoff()).maxBackoff(retry.maxBackoff())
                        .filter(StillUnknown.class::isInstance))
                .onErrorResume(StillUnknown.class, unknown -> Mono.just(unknown.result))
                .contextWrite(Context.of(UseePayClient.TRACE_ID_CONTEXT_KEY, approved.getTraceId()));
    }

    /** The longest {@link #refund} can take: every attempt's deadline plus the back-off between them. */
    Duration deadline(Duration perAttempt) {
        return perAttempt.multipliedBy(retry.retries() + 1L).plus(retry.maxBackoff().multipliedBy(retry.retries()));
    }

    private static final class StillUnknown extends RuntimeException {
        private final RefundResult.Unknown result;

        StillUnknown(RefundResult.Unknown result) {
            super(result.cause(), null, false, false);
            this.result = result;
        }
    }
}
