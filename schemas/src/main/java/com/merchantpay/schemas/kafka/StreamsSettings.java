package com.merchantpay.schemas.kafka;

import java.time.Duration;

/**
 * What differs between our Kafka Streams applications; everything else is {@link StreamsRunner}'s policy.
 *
 * @param applicationId     the group and the prefix of internal topics
 * @param bootstrapServers  the brokers
 * @param commitInterval    how often a transaction commits: the latency floor of what it writes
 * @param inputFetch        how its consumer fetches input: {@link InputFetch#PROMPT} for a processor someone waits on
 * @param threads           stream threads (up to one per input partition is useful)
 * @param replicationFactor of the internal topics (changelogs)
 * @param standbyReplicas   warm copies of each store on other instances, for fast fail-over
 * @param stateDir          where the local stores live (keep it across restarts)
 */
public record StreamsSettings(String applicationId, String bootstrapServers, Duration commitInterval, InputFetch inputFetch,
                              int threads, int replicationFactor, int standbyReplicas, String stateDir) {

    /**
     * How long the broker may hold a fetch until {@code minBytes} of input have gathered. Every fetch
     * answered costs both the broker and the application CPU; under load a fetch that returns the moment
     * one record is there is answered hundreds of times a second per application.
     *
     * @param maxWait  the longest an input record waits in the broker for company
     * @param minBytes what the broker gathers before it answers sooner than {@code maxWait}
     */
    public record InputFetch(Duration maxWait, int minBytes) {

        /** Whatever is there, within {@link KafkaClients#TRANSACTIONAL_TOPIC_FETCH_WAIT}: for a processor someone waits on. */
        public static final InputFetch PROMPT = new InputFetch(KafkaClients.TRANSACTIONAL_TOPIC_FETCH_WAIT, 1);
    }
}
