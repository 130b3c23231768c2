package com.merchantpay.sandbox.useepay;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;

/** Every order and refund UseePay knows, by the merchant's transactionId and by UseePay's reference. */
@Component
public class OrderBook {

    private final Map<String, Order> byTransactionId = new ConcurrentHashMap<>();
    private final Map<String, String> transactionIdByReference = new ConcurrentHashMap<>();
    private final Map<String, Refund> refunds = new ConcurrentHashMap<>();

    /**
     * The order under {@code transactionId}: the existing one, or the one {@code creator} makes.
     * Atomic, so two racing creates for one number still leave one order.
     */
    public Placement place(String transactionId, Function<String, Order> creator) {
        boolean[] created = {false};
        Order order = byTransactionId.computeIfAbsent(transactionId, id -> {
            created[0] = true;
            return creator.apply(id);
        });
        if (created[0]) {
            transactionIdByReference.put(order.reference(), transactionId);
        }
        return new Placement(order, created[0]);
    }

    public Optional<Order> byTransactionId(String transactionId) {
        return Optional.ofNullable(byTransactionId.get(transactionId));
    }

    public Optional<Order> byReference(String reference) {
        return Optional.ofNullable(transactionIdByReference.get(reference)).flatMap(this::byTransactionId);
    }

    /** Applies {@code change} atomically; returns the order before and after, if it exists. */
    public Optional<Change> update(String transactionId, UnaryOperator<Order> change) {
        Order[] before = {null};
        Order after = byTransactionId.computeIfPresent(transactionId, (id, current) -> {
            before[0] = current;
            return change.apply(current);
        });
        return after == null ? Optional.empty() : Optional.of(new Change(before[0], after));
    }

    public boolean addRefund(Refund refund) {
        return refunds.putIfAbsent(refund.transactionId(), refund) == null;
    }

    void removeRefund(String transactionId) {
        refunds.remove(transactionId);
    }

    public boolean isKnownTransactionId(String transactionId) {
        return byTransactionId.containsKey(transactionId) || refunds.containsKey(transactionId);
    }

    public Collection<Order> orders() {
        return List.copyOf(byTransactionId.values());
    }

    public void clear() {
        byTransactionId.clear();
        transactionIdByReference.clear();
        refunds.clear();
    }

    public record Placement(Order order, boolean created) {
    }

    public record Change(Order before, Order after) {
        public boolean changed() {
            return before != after;
        }
    }
}
