package com.merchantpay.reconciliation.tracking;

import com.merchantpay.reconciliation.schedule.QueryTimeline;
import java.time.Duration;

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
 */
public record TrackingSettings(QueryTimeline timeline, Duration tick, Duration censusInterval, Duration endedRetention,
                               Duration refundSettleWindow) {
}
