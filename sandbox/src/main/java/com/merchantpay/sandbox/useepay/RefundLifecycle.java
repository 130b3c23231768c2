package com.merchantpay.sandbox.useepay;

import com.merchantpay.sandbox.config.SandboxProperties;
import com.merchantpay.sandbox.config.SandboxTime;
import com.merchantpay.sandbox.faults.RefundOutcome;
import com.merchantpay.sandbox.notification.Notification;
import com.merchantpay.sandbox.notification.NotificationDispatcher;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * How a refund settles: {@code received} → {@code succeed} | {@code failed}, by its timer or by hand,
 * each move followed by a {@code transactionType=refund} notification. A refund settles once; a
 * failed one gives its amount back to the order, so it can be refunded again.
 */
@Component
public class RefundLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RefundLifecycle.class);
    private static final String REFUSED_MESSAGE = "refund refused by risk control";

    private final OrderBook book;
    private final NotificationDispatcher dispatcher;
    private final SandboxTime time;
    private final String merchantNo;

    public RefundLifecycle(OrderBook book, NotificationDispatcher dispatcher, SandboxTime time,
                           SandboxProperties properties) {
        this.book = book;
        this.dispatcher = dispatcher;
        this.time = time;
        this.merchantNo = properties.useepay().merchantNo();
    }

    /**
     * Settles {@code refund} as {@code outcome} once {@code after} (PSP time) has passed, unless it was
     * settled by hand first; a timer entry, no thread. The timer only touches this very refund (same
     * reference), not a namesake made after a reset.
     */
    void settleLater(Refund refund, RefundOutcome outcome, Duration after) {
        Predicate<Refund> same = current -> current.reference().equals(refund.reference());
        Mono.delay(time.scaled(after)).subscribe(tick -> {
            switch (outcome) {
                case SUCCEED -> move(refund.transactionId(), same, RefundStatus.SUCCEED, Order.OK, "success");
                case FAIL -> move(refund.transactionId(), same, RefundStatus.FAILED, Refund.REFUSED, REFUSED_MESSAGE);
            }
        });
    }

    public Optional<Transition> succeed(String transactionId) {
        return move(transactionId, any -> true, RefundStatus.SUCCEED, Order.OK, "success");
    }

    public Optional<Transition> fail(String transactionId) {
        return move(transactionId, any -> true, RefundStatus.FAILED, Refund.REFUSED, REFUSED_MESSAGE);
    }

    private Optional<Transition> move(String transactionId, Predicate<Refund> applies, RefundStatus next, String code,
                                      String message) {
        return book.updateRefund(transactionId,
                        refund -> refund.isOpen() && applies.test(refund) ? refund.moveTo(next, code, message) : refund)
                .map(change -> {
                    Refund refund = change.after();
                    if (change.changed()) {
                        if (next == RefundStatus.FAILED) {
                            book.update(refund.originalTransactionId(), order -> order.withRefunded(-refund.amountMinor()));
                        }
                        log.info("refund {} of order {} is now {}, trace {}", transactionId,
                                refund.originalTransactionId(), next.wire(), refund.traceId());
                        dispatcher.dispatch(notificationOf(refund));
                    }
                    return new Transition(refund, change.changed());
                });
    }

    Notification notificationOf(Refund refund) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("version", "1.0");
        fields.put("merchantNo", merchantNo);
        fields.put("transactionId", refund.transactionId());
        fields.put("originalTransactionId", refund.originalTransactionId());
        fields.put("reference", refund.reference());
        fields.put("transactionType", "refund");
        fields.put("amount", Long.toString(refund.amountMinor()));
        fields.put("currency", refund.currency());
        fields.put("resultCode", refund.status().wire());
        fields.put("errorCode", refund.errorCode());
        fields.put("errorMsg", refund.errorMsg());
        fields.put("echoParam", refund.echoParam() == null ? "" : refund.echoParam());
        fields.put("reserved", "");
        return new Notification(refund.notifyUrl(), refund.signType(), refund.transactionId(), fields, refund.traceId(),
                refund.traceparent());
    }

    /** @param moved false when the refund was already final and nothing changed */
    public record Transition(Refund refund, boolean moved) {
    }
}
