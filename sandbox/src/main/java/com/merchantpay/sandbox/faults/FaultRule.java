package com.merchantpay.sandbox.faults;

/**
 * When a fault fires: for each of the next {@code next} occasions, then on a random
 * {@code share} (0–1) of the rest. {@code next} makes tests deterministic; {@code share} suits load.
 */
public record FaultRule(Double share, Integer next) {

    public static final FaultRule OFF = new FaultRule(0.0, 0);

    /** Either field may be left out of the JSON; absent means zero. */
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
