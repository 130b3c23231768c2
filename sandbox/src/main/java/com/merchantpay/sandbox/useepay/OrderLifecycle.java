package com.merchantpay.sandbox.useepay;

import com.merchantpay.sandbox.config.SandboxProperties;
import com.merchantpay.sandbox.config.SandboxTime;
import com.merchantpay.sandbox.faults.FaultSwitchboard;
import com.merchantpay.sandbox.notification.Notification;
import com.merchantpay.sandbox.notification.NotificationDispatcher;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * How an order moves after creation — paid, failed, expired — and the notification each move
 * sends. Only an open ({@code received}) order can move; a second move is refused, as UseePay's
 * final states are final (except for the paid-after-close race the switch stages on purpose).
 */
@Component
public class OrderLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OrderLifecycle.class);
    /** How long after the {@code closed} notification the racing {@code succeed} one follows (PSP time). */
    private static final Duration RACE_GAP = Duration.ofSeconds(5);

    private final OrderBook book;
    private final NotificationDispatcher dispatcher;
    private final FaultSwitchboard faults;
    private final SandboxTime time;
    private final String merchantNo;

    public OrderLifecycle(OrderBook book, NotificationDispatcher dispatcher, FaultSwitchboard faults,
                          SandboxTime time, SandboxProperties properties) {
        this.book = book;
        this.dispatcher = dispatcher;
        this.faults = faults;
        this.time = time;
        this.merchantNo = properties.useepay().merchantNo();
    }

    /** Starts the order's expiry clock; a timer entry, no thread. */
    void scheduleExpiry(Order order) {
        Duration left = Duration.between(time.now(), order.expiresAt());
        Mono.delay(left.isNegative() ? Duration.ZERO : left)
                .subscribe(tick -> expire(order.transactionId()));
    }

    public Optional<Transition> succeed(String transactionId) {
        return move(transactionId, OrderStatus.SUCCEED, Order.OK, "success");
    }

    public Optional<Transition> fail(String transactionId) {
        return move(transactionId, OrderStatus.FAILED, Order.RISK_REFUSED, "refused by risk control");
    }

    /**
     * Closes an open order with {@code 3300}. With the paid-after-close switch on, the payment
     * that raced the expiry lands just after: the order ends {@code succeed} and a second
     * notification follows the {@code closed} one.
     */
    public Optional<Transition> expire(String transactionId) {
        Optional<Transition> closed = move(transactionId, OrderStatus.CLOSED, Order.EXPIRED, "transaction expired");
        closed.filter(Transition::moved).filter(t -> faults.settings().paidAfterClose())
                .flatMap(t -> book.update(transactionId, order -> order.moveTo(OrderStatus.SUCCEED, Order.OK, "success")))
                .ifPresent(change -> {
                    log.info("order {} paid just after it closed (paid-after-close switch), trace {}", transactionId,
                            change.after().traceId());
                    dispatcher.dispatchLater(notificationOf(change.after()), time.scaled(RACE_GAP));
                });
        return closed;
    }

    private Optional<Transition> move(String transactionId, OrderStatus next, String code, String message) {
        return book.update(transactionId, order -> order.isOpen() ? order.moveTo(next, code, message) : order)
                .map(change -> {
                    boolean moved = change.changed();
                    if (moved) {
                        log.info("order {} is now {}, trace {}", transactionId, next.wire(), change.after().traceId());
                        dispatcher.dispatch(notificationOf(change.after()));
                    }
                    return new Transition(change.after(), moved);
                });
    }

    Notification notificationOf(Order order) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("version", "1.0");
        fields.put("merchantNo", merchantNo);
        fields.put("transactionId", order.transactionId());
        fields.put("reference", order.reference());
        fields.put("transactionType", "pay");
        fields.put("amount", Long.toString(order.amountMinor()));
        fields.put("currency", order.currency());
        fields.put("resultCode", order.status().wire());
        fields.put("errorCode", order.errorCode());
        fields.put("errorMsg", order.errorMsg());
        fields.put("echoParam", order.echoParam() == null ? "" : order.echoParam());
        fields.put("reserved", "");
        return new Notification(order.notifyUrl(), order.signType(), order.transactionId(), fields, order.traceId(),
                order.traceparent());
    }

    /** @param moved false when the order was already final and nothing changed */
    public record Transition(Order order, boolean moved) {
    }
}
