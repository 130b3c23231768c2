package com.merchantpay.reconciliation.config;

import com.merchantpay.reconciliation.schedule.QueryTimeline;
import com.merchantpay.reconciliation.tracking.TrackingSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The reconciler's settings. Every duration of UseePay's world (grace, retry intervals, expiry
 * margin, patience, backoff) is multiplied by {@code timeScale}, so tests can run a 20-minute
 * schedule in seconds; the machinery's own settings (tick, census, retention, query deadline) are not.
 *
 * @param timeScale                   1.0 in production; 0.001 turns a minute into 60 ms
 * @param grace                       an order without outcome this long after creation is a straggler
 * @param notificationRetryIntervals  UseePay's gaps between notification resends (cumulative, see README)
 * @param expiryMargin                the final check runs this long after the order's expiry
 * @param unansweredPatience          past the final check, unanswered queries are retried this long, then given up
 * @param backoffInitial              wait after an unanswered query; doubles per further one
 * @param backoffMax                  cap of that wait
 * @param tick                        how often due queries are handed out and answers applied
 * @param censusInterval              how often open orders are counted for the gauges
 * @param endedRetention              how long an ended order is remembered against replays
 * @param refundSettleWindow          how long (UseePay time) an approved refund is asked about before it is given up
 */
@Validated
@ConfigurationProperties("reconciliation")
public record ReconciliationProperties(
        @DecimalMin("0.00001") @DecimalMax("1000") @DefaultValue("1.0") double timeScale,
        @NotNull @DefaultValue("30s") Duration grace,
        @NotEmpty @DefaultValue({"1m", "3m", "5m", "10m", "15m", "15m", "30m", "1h"}) List<Duration> notificationRetryIntervals,
        @NotNull @DefaultValue("2m") Duration expiryMargin,
        @NotNull @DefaultValue("1h") Duration unansweredPatience,
        @NotNull @DefaultValue("5s") Duration backoffInitial,
        @NotNull @DefaultValue("5m") Duration backoffMax,
        @NotNull @DefaultValue("250ms") Duration tick,
        @NotNull @DefaultValue("30s") Duration censusInterval,
        @NotNull @DefaultValue("7d") Duration endedRetention,
        @NotNull @DefaultValue("2h") Duration refundSettleWindow,
        @Valid @NotNull @DefaultValue Queries queries,
        @Valid @NotNull @DefaultValue Streams streams) {

    /**
     * @param concurrency  queries running at once (per instance)
     * @param capacity     queries queued or running at once; the rest wait in the store, due
     * @param deadline     upper bound of one query, over the client's own timeouts
     */
    public record Queries(
            @Min(1) @DefaultValue("32") int concurrency,
            @Min(1) @DefaultValue("256") int capacity,
            @NotNull @DefaultValue("30s") Duration deadline) {
    }

    /**
     * @param applicationId  Kafka Streams application id: consumer group and prefix of the store changelogs
     * @param threads        stream threads; partitions (3) bound the useful number across instances
     * @param stateDir       local store folder; empty for Kafka Streams' default
     * @param replicationFactor  of the store changelogs; -1 takes the broker's default (3 in production)
     * @param commitInterval the transaction's length: what it writes is visible only after the commit,
     *                       and a read_committed reader of the findings topic waits behind an open one
     * @param fetchMaxWait   how long the broker may hold a fetch of the inputs to gather {@code fetchMinBytes}:
     *                       the reconciler's schedule is in seconds, and a fetch answered per record cost it
     *                       (and the broker) more CPU than its own processing under load
     * @param fetchMinBytes  what the broker gathers before it answers a fetch sooner
     */
    public record Streams(
            @NotBlank @DefaultValue("reconciliation-service") String applicationId,
            @Min(1) @DefaultValue("1") int threads,
            String stateDir,
            @Min(-1) @DefaultValue("-1") int replicationFactor,
            @NotNull @DefaultValue("100ms") Duration commitInterval,
            @NotNull @DefaultValue("100ms") Duration fetchMaxWait,
            @NotNull @DefaultValue("64KB") DataSize fetchMinBytes) {
    }

    QueryTimeline timeline() {
        return new QueryTimeline(scaled(grace), notificationRetryIntervals.stream().map(this::scaled).toList(),
                scaled(expiryMargin), scaled(unansweredPatience), scaled(backoffInitial), scaled(backoffMax));
    }

    TrackingSettings tracking() {
        return new TrackingSettings(timeline(), tick, censusInterval, endedRetention, scaled(refundSettleWindow), timeScale);
    }

    Duration scaled(Duration useePayTime) {
        return Duration.ofNanos(Math.max(1, Math.round(useePayTime.toNanos() * timeScale)));
    }
}
