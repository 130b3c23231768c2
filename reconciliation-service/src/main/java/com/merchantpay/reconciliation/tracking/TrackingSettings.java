package com.merchantpay.reconciliation.tracking;

import com.merchantpay.reconciliation.schedule.QueryTimeline;
import java.time.Duration;
import java.time.Instant;

/**
 * How the tracker runs.
 *
 * @param timeline          the query schedule (already time-scaled)
 * @param tick              how often each task looks for due queries and applies answers (wall clock)
 * @param censusInterval    how often each task counts its open orders for the gauges
 * @param endedRetention    how long an ended order's marker is kept, so a replayed
 *                          {@code OrderCreated} does not start tracking it again
 * @param refundSettleWindow how long (already time-scaled) an approved refund is asked about before
 *                          the reconciler gives up on it (and says so in an alert)
 * @param timeScale         how fast UseePay's clock runs here (1.0 in production)
 */
public record TrackingSettings(QueryTimeline timeline, Duration tick, Duration censusInterval, Duration endedRetention,
                               Duration refundSettleWindow, double timeScale) {

    /**
     * When UseePay closes an order, in real time. order-service announces the lifetime it asked
     * UseePay for ({@code expiresAt}, unscaled: it knows nothing of time scales), while a time-scaled
     * UseePay closes the order after the scaled lifetime; the expiry check must follow UseePay's
     * clock or a payment racing the close is asked about long after the run that made it.
     */
    Instant useePayExpiry(Instant createdAt, Instant expiresAt) {
        if (timeScale == 1.0) {
            return expiresAt;
        }
        long lifetimeNanos = Duration.between(createdAt, expiresAt).toNanos();
        return createdAt.plusNanos(Math.round(lifetimeNanos * timeScale));
    }
}
