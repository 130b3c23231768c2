package com.merchantpay.notify.outcome;

import com.merchantpay.notify.EventSerde;
import com.merchantpay.notify.KafkaConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the outcome topology for the life of the application and reports its state as the
 * {@code outcomeProcessor} health indicator (part of readiness).
 */
@Component("outcomeProcessor")
public class OutcomeStreams implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(OutcomeStreams.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaConnection connection;
    private final OutcomeProperties properties;
    private final MeterRegistry meters;
    private volatile KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;
    private Serde<SpecificRecord> eventSerde;

    public OutcomeStreams(KafkaConnection connection, OutcomeProperties properties, MeterRegistry meters) {
        this.connection = connection;
        this.properties = properties;
        this.meters = meters;
    }

    @Override
    public synchronized void start() {
        eventSerde = EventSerde.forRegistry(connection.registryUrl());
        KafkaStreams started = new KafkaStreams(
                OutcomeTopology.build(eventSerde, properties.findingWait(), properties.waitCheckInterval(), meters),
                streamsConfig());
        // A processing error on one thread must not silently stop settling orders; the record is retried.
        started.setUncaughtExceptionHandler(error -> {
            log.error("Outcome processor thread failed; replacing it", error);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        started.setStateListener((next, previous) -> log.info("Outcome processor {} -> {}", previous, next));
        streamsMetrics = new KafkaStreamsMetrics(started);
        streamsMetrics.bindTo(meters);
        started.start();
        streams = started;
    }

    @Override
    public synchronized void stop() {
        if (streams == null) {
            return;
        }
        // Leaving the group hands this instance's partitions to the others at once, instead of after
        // the session timeout: a deploy delays outcomes by a rebalance, not by 45 s.
        streams.close(CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP));
        streamsMetrics.close();
        eventSerde.close();
        streams = null;
    }

    @Override
    public boolean isRunning() {
        return streams != null;
    }

    /**
     * UP while RUNNING or REBALANCING: a rebalance is routine (every deploy) and brief, and marking
     * every instance unready during one would refuse UseePay's notifications for nothing.
     */
    @Override
    public Health health() {
        KafkaStreams current = streams;
        if (current == null) {
            return Health.down().withDetail("state", "NOT_STARTED").build();
        }
        KafkaStreams.State state = current.state();
        Health.Builder health = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING
                ? Health.up() : Health.down();
        return health.withDetail("state", state.name()).build();
    }

    /** The live state, for tests and the ops tool. */
    public KafkaStreams.State state() {
        KafkaStreams current = streams;
        return current == null ? KafkaStreams.State.NOT_RUNNING : current.state();
    }

    private Properties streamsConfig() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, properties.applicationId());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, properties.commitInterval().toMillis());
        config.put(StreamsConfig.STATE_DIR_CONFIG, properties.stateDir());
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, properties.replicationFactor());
        config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, properties.standbyReplicas());
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, properties.streamThreads());
        // Inputs may arrive in any order across the two topics (the state machine handles it), so
        // never hold a task back waiting for the other topic's partition to have data.
        config.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, PoisonRecordHandler.class);
        // Under exactly-once the consumer reads read_committed, and the broker parks a fetch for
        // up to fetch.max.wait.ms even when a transaction marker has just made records readable
        // (measured: +~200 ms at p50 with the 500 ms default). Inputs written by transactional
        // producers (a Streams-based reconciliation-service) would wait that long: keep it short.
        config.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 20);
        // The commit flushes the transaction anyway; lingering longer would only add latency.
        config.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        return config;
    }
}
