package com.merchantpay.ops.replay;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Paces sends to at most N per second (no burst), so a replay cannot flood the target's readers. */
final class Throttle {

    private final long intervalNanos;
    private long nextSendAt = System.nanoTime();

    private Throttle(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /** @param perSecond records per second; 0 or less means unlimited */
    static Throttle perSecond(int perSecond) {
        return new Throttle(perSecond <= 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / perSecond);
    }

    void awaitTurn() {
        if (intervalNanos == 0) {
            return;
        }
        long now = System.nanoTime();
        if (nextSendAt > now) {
            LockSupport.parkNanos(nextSendAt - now);
        }
        nextSendAt = Math.max(nextSendAt, now) + intervalNanos;
    }
}
