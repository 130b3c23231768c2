package com.merchantpay.reconciliation.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When a straggler is asked about, as a pure function of the order's creation and expiry.
 *
 * <p>Query points, from creation: {@code grace}, then {@code grace} plus each running total of
 * UseePay's notification retry intervals (1m, 3m, 5m, 10m, 15m, 15m, 30m, 1h are the gaps
 * <em>between</em> resends — the repeated 15m only makes sense as gaps — so the resends land at
 * 1, 4, 9, 19, 34, 49, 79, 139 minutes after the first attempt; a query a grace period after each
 * one asks just after the resend that did not come). Points at or after the expiry check are cut,
 * and the expiry check itself, at {@code expiresAt + expiryMargin}, is always the last point.
 *
 * <p>A query is never issued twice for one point: the next point is always the first one strictly
 * after the last query, so a reconciler that fell behind collapses the points it missed into one
 * query. Hence queries per order never exceed {@link #points}.
 */
public final class QueryTimeline {

    private final Duration grace;
    private final List<Duration> offsets;
    private final Duration expiryMargin;
    private final Duration unknownPatience;
    private final Duration backoffInitial;
    private final Duration backoffMax;

    /**
     * @param grace            how long an order may go without an outcome before it is a straggler
     * @param retryIntervals   UseePay's gaps between notification resends
     * @param expiryMargin     how long after expiry the final check runs
     * @param unknownPatience  how long past the final check unanswered queries keep being retried
     * @param backoffInitial   wait after the first unanswered query; doubles per further one
     * @param backoffMax       cap of that wait
     */
    public QueryTimeline(Duration grace, List<Duration> retryIntervals, Duration expiryMargin,
            Duration unknownPatience, Duration backoffInitial, Duration backoffMax) {
        this.grace = Objects.requireNonNull(grace);
        this.offsets = runningTotals(retryIntervals);
        this.expiryMargin = Objects.requireNonNull(expiryMargin);
        this.unknownPatience = Objects.requireNonNull(unknownPatience);
        this.backoffInitial = Objects.requireNonNull(backoffInitial);
        this.backoffMax = Objects.requireNonNull(backoffMax);
    }

    /** Every query point of an order, in order; the last one is the expiry check. */
    public List<Instant> points(Instant createdAt, Instant expiresAt) {
        Instant expiryCheck = expiryCheck(expiresAt);
        List<Instant> points = new ArrayList<>();
        Instant first = createdAt.plus(grace);
        for (Duration offset : offsets) {
            Instant point = first.plus(offset);
            if (point.isBefore(expiryCheck)) {
                points.add(point);
            }
        }
        points.add(expiryCheck);
        return List.copyOf(points);
    }

    /**
     * The next query after one made at {@code lastQueryAt} (null: none yet). Once a final status
     * was seen only the expiry check is left: it catches a payment that races the expiry.
     * Empty when the schedule is done.
     */
    public Optional<Instant> nextQuery(Instant createdAt, Instant expiresAt, Instant lastQueryAt, boolean finalStatusSeen) {
        Instant expiryCheck = expiryCheck(expiresAt);
        if (lastQueryAt != null && !lastQueryAt.isBefore(expiryCheck)) {
            return Optional.empty();
        }
        if (finalStatusSeen) {
            return Optional.of(expiryCheck);
        }
        return points(createdAt, expiresAt).stream()
                .filter(point -> lastQueryAt == null || point.isAfter(lastQueryAt))
                .findFirst();
    }

    public Instant expiryCheck(Instant expiresAt) {
        return expiresAt.plus(expiryMargin);
    }

    /** Past this, an order whose queries go unanswered is given up (with an alert), never dropped silently. */
    public Instant unansweredGiveUpAt(Instant expiresAt) {
        return expiryCheck(expiresAt).plus(unknownPatience);
    }

    /** Wait before asking again after {@code unanswered} queries in a row got no answer (from 1). */
    public Duration backoff(int unanswered) {
        Duration wait = backoffInitial;
        for (int i = 1; i < unanswered && wait.compareTo(backoffMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(backoffMax) > 0 ? backoffMax : wait;
    }

    public Duration grace() {
        return grace;
    }

    private static List<Duration> runningTotals(List<Duration> intervals) {
        List<Duration> totals = new ArrayList<>();
        totals.add(Duration.ZERO);
        Duration sum = Duration.ZERO;
        for (Duration interval : intervals) {
            sum = sum.plus(interval);
            totals.add(sum);
        }
        return List.copyOf(totals);
    }
}
