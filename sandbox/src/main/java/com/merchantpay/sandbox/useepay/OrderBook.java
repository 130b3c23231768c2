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
    private final Map<String, String> refundIdByReference = new ConcurrentHashMap<>();

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

    /**
     * The refund under {@code candidate}'s transactionId: the existing one, or {@code candidate} once
     * {@code admit} has drawn its amount from the original order. Atomic per refund number, so two
     * racing refunds with one number make one refund and draw on the payment once; the order's own
     * update is atomic too, so refunds with different numbers cannot overdraw it. When {@code admit}
     * throws, nothing is kept and the exception reaches the caller.
     */
    public RefundPlacement placeRefund(Refund candidate, UnaryOperator<Order> admit) {
        boolean[] created = {false};
        Refund refund = refunds.compute(candidate.transactionId(), (id, existing) -> {
            if (existing != null) {
                return existing;
            }
            if (byTransactionId.containsKey(id)) {
                throw new InvalidParameter("transactionId " + id + " already exists");
            }
            update(candidate.originalTransactionId(), admit)
                    .orElseThrow(() -> new InvalidParameter("originalTransactionId is unknown"));
            created[0] = true;
            return candidate;
        });
        if (created[0]) {
            refundIdByReference.put(refund.reference(), refund.transactionId());
        }
        return new RefundPlacement(refund, created[0]);
    }

    public Optional<Refund> refundByTransactionId(String transactionId) {
        return Optional.ofNullable(refunds.get(transactionId));
    }

    public Optional<Refund> refundByReference(String reference) {
        return Optional.ofNullable(refundIdByReference.get(reference)).flatMap(this::refundByTransactionId);
    }

    /** Applies {@code change} to the refund atomically; returns it before and after, if it exists. */
    public Optional<RefundChange> updateRefund(String transactionId, UnaryOperator<Refund> change) {
        Refund[] before = {null};
        Refund after = refunds.computeIfPresent(transactionId, (id, current) -> {
            before[0] = current;
            return change.apply(current);
        });
        return after == null ? Optional.empty() : Optional.of(new RefundChange(before[0], after));
    }

    public Collection<Refund> refunds() {
        return List.copyOf(refunds.values());
    }

    public Collection<Order> orders() {
        return List.copyOf(byTransactionId.values());
    }

    public void clear() {
        byTransactionId.clear();
        transactionIdByReference.clear();
        refunds.clear();
        refundIdByReference.clear();
    }

    public record Placement(Order order, boolean created) {
    }

    public record Change(Order before, Order after) {
        public boolean changed() {
            return before != after;
        }
    }

    public record RefundPlacement(Refund refund, boolean created) {
    }

    public record RefundChange(Refund before, Refund after) {
        public boolean changed() {
            return before != after;
        }
    }
}
