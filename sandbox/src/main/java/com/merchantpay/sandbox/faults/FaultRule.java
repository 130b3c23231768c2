package com.merchantpay.sandbox.faults;

/**
 * When a fault fires: for each of the next {@code next} occasions, then on a random
 * {@code share} (0–1) of the rest. {@code next} makes tests deterministic; {@code share} suits load.
 * {@code only}, an order number, limits the rule to the notifications about that order (its own and
 * its refunds'): on a shared stack other orders' notifications (a close, a retry) would otherwise take
 * a {@code next} meant for the test's. Faults that are not about a notification never fire with it.
 */
public record FaultRule(Double share, Integer next, String only) {

    public static final FaultRule OFF = new FaultRule(0.0, 0);

    public FaultRule(Double share, Integer next) {
        this(share, next, null);
    }

    /** Any field may be left out of the JSON; absent means zero, and no {@code only} means every occasion. */
    public FaultRule {
        share = share == null ? 0.0 : share;
        next = next == null ? 0 : next;
        if (share < 0 || share > 1 || Double.isNaN(share)) {
            throw new IllegalArgumentException("share must be between 0 and 1");
        }
        if (next < 0) {
            throw new IllegalArgumentException("next must not be negative");
        }
    }
}
