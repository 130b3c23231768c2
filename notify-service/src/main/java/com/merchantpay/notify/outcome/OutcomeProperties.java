package com.merchantpay.notify.outcome;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The outcome processor (Kafka Streams, exactly-once v2).
 *
 * @param applicationId      Streams application id: consumer group, transactional id prefix and
 *                           internal topic prefix. Changing it starts over from empty state.
 * @param stateDir           local RocksDB folder; losing it only costs a restore from the changelog
 * @param commitInterval     how often the transaction commits; outputs are visible to
 *                           read_committed subscribers only then, so it bounds outcome latency
 * @param findingWait        how long a finding waits for its OrderCreated before FindingWithoutOrder
 * @param waitCheckInterval  how often the waits are checked
 * @param replicationFactor  of the changelog and repartition topics (3 in production)
 * @param standbyReplicas    warm copies of the state on other instances, for fast fail-over
 * @param streamThreads      processing threads; more than the partition count is idle
 * @param settledRetention   how long a settled order stays in the store (and the horizon past which
 *                           inputs are history and skipped): long enough for every late duplicate
 *                           UseePay sends, for replays of recent days, and for the refund window
 *                           (a refund of an order forgotten is refused NOT_PAID and done by hand);
 *                           the store then holds what is live plus this much, whatever the history
 */
@Validated
@ConfigurationProperties("notify.outcome")
public record OutcomeProperties(
        @NotBlank @DefaultValue("notify-outcome") String applicationId,
        @NotBlank String stateDir,
        @NotNull @DefaultValue("20ms") Duration commitInterval,
        @NotNull @DefaultValue("10m") Duration findingWait,
        @NotNull @DefaultValue("1s") Duration waitCheckInterval,
        @Min(1) @DefaultValue("1") int replicationFactor,
        @Min(0) @DefaultValue("0") int standbyReplicas,
        @Min(1) @DefaultValue("3") int streamThreads,
        @NotNull @DefaultValue("30d") Duration settledRetention) {
}
