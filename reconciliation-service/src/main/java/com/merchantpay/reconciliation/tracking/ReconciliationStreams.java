package com.merchantpay.reconciliation.tracking;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the tracker topology for as long as the application runs, and reports its state as health:
 * UP while running or rebalancing, DOWN otherwise (a dead stream thread stops the whole client, so
 * the failure is visible instead of one partition silently standing still).
 */
public final class ReconciliationStreams implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationStreams.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Topology topology;
    private final Properties config;
    private volatile KafkaStreams streams;

    public ReconciliationStreams(Topology topology, Properties config) {
        this.topology = topology;
        this.config = config;
    }

    @Override
    public synchronized void start() {
        KafkaStreams created = new KafkaStreams(topology, config);
        created.setUncaughtExceptionHandler(error -> {
            log.error("reconciliation stream thread failed; stopping the client", error);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        created.start();
        streams = created;
    }

    @Override
    public synchronized void stop() {
        if (streams != null) {
            // Leaving the group hands the partitions to another instance now, not after a session timeout.
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(CLOSE_TIMEOUT));
            streams = null;
        }
    }

    @Override
    public boolean isRunning() {
        return streams != null;
    }

    public KafkaStreams.State state() {
        KafkaStreams current = streams;
        return current == null ? KafkaStreams.State.NOT_RUNNING : current.state();
    }

    @Override
    public Health health() {
        KafkaStreams.State state = state();
        Health.Builder health = state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED
                ? Health.up() : Health.down();
        return health.withDetail("streams", state.name()).build();
    }
}
