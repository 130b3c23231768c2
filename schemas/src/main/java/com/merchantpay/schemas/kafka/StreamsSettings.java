package com.merchantpay.schemas.kafka;

import java.time.Duration;

/**
 * What differs between our Kafka Streams applications; everything else is {@link StreamsRunner}'s policy.
 *
 * @param applicationId     the group and the prefix of internal topics
 * @param bootstrapServers  the brokers
 * @param commitInterval    how often a transaction commits: the latency floor of what it writes
 * @param threads           stream threads (up to one per input partition is useful)
 * @param replicationFactor of the internal topics (changelogs)
 * @param standbyReplicas   warm copies of each store on other instances, for fast fail-over
 * @param stateDir          where the local stores live (keep it across restarts)
 */
public record StreamsSettings(String applicationId, String bootstrapServers, Duration commitInterval, int threads,
                              int replicationFactor, int standbyReplicas, String stateDir) {
}
