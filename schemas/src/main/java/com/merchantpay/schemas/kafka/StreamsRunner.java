package com.merchantpay.schemas.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;

/**
 * Runs one Kafka Streams application for the life of the service, the same way in every service:
 * <ul>
 *   <li>exactly-once v2; unusable records dead-lettered by {@link StreamsDeadLetters};</li>
 *   <li>a failed stream thread is replaced (its tasks resume from their last commit), and counted
 *       in {@code streams.thread.replacements}: what fails a thread is never the record's fault
 *       (those are dead-lettered), so trying again is right;</li>
 *   <li>health DOWN until the application first runs (partitions assigned, stores restored: before
 *       that the service can do no work, so it is not ready), then UP while RUNNING or REBALANCING
 *       (a later rebalance is routine and brief), DOWN after it fails; its consumers are watched by
 *       the {@link PollWatchdog};</li>
 *   <li>{@code streams.state{application,state}} is 1 for the state the application is in and 0 for
 *       every other, all from the start, so an alert can ask "not RUNNING for five minutes";</li>
 *   <li>a stop leaves the group at once, waiting at most {@link #CLOSE_TIMEOUT};</li>
 *   <li>no waiting in poll longer than a commit interval, so what is processed is committed (and
 *       visible to read_committed readers) within about one commit interval.</li>
 * </ul>
 */
public final class StreamsRunner implements SmartLifecycle, HealthIndicator {

    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /**
     * The producers' first wait before resending a write the broker refused. A transaction's first write to a
     * partition whose previous commit markers are still being written is refused CONCURRENT_TRANSACTIONS once
     * the broker's own retries (up to {@code add.partitions.to.txn.retry.backoff.max.ms}, 100 ms) run out, and
     * the client's default would wait 100 ms more (hundreds of such refusals per full-stack run at 300/s).
     * Alternated runs showed no p99 difference beyond the machine's noise; a shorter wait cannot make a
     * refused write later. Backoff still doubles up to {@code retry.backoff.max.ms} (1 s) when the broker
     * is really away.
     */
    static final Duration TRANSACTION_RETRY_BACKOFF = Duration.ofMillis(10);

    private static final Logger log = LoggerFactory.getLogger(StreamsRunner.class);

    private final StreamsSettings settings;
    private final Supplier<Topology> topology;
    private final MeterRegistry meters;
    private final PollWatchdog watchdog;
    private final Counter replacements;
    private volatile KafkaStreams streams;
    private volatile boolean hasRun;
    private KafkaStreamsMetrics streamsMetrics;
    private DeadLetterCounts deadLetters;

    public StreamsRunner(StreamsSettings settings, Supplier<Topology> topology, MeterRegistry meters, PollWatchdog watchdog) {
        this.settings = settings;
        this.topology = topology;
        this.meters = meters;
        this.watchdog = watchdog;
        this.replacements = Counter.builder("streams.thread.replacements")
                .tag("application", settings.applicationId())
                .description("stream threads that failed and were replaced")
                .register(meters);
        for (KafkaStreams.State each : KafkaStreams.State.values()) {
            Gauge.builder("streams.state", this, runner -> runner.state() == each ? 1 : 0)
                    .tag("application", settings.applicationId()).tag("state", each.name())
                    .description("1 for the state the Kafka Streams application is in")
                    .register(meters);
        }
    }

    @Override
    public synchronized void start() {
        Topology built = topology.get();
        Properties config = config(settings);
        config.put(StreamsDeadLetters.COUNTS_CONFIG, deadLetters(built));
        KafkaStreams created = new KafkaStreams(built, config);
        created.setUncaughtExceptionHandler(error -> {
            log.error("{}: a stream thread failed; replacing it", settings.applicationId(), error);
            replacements.increment();
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        hasRun = false;
        created.setStateListener((next, previous) -> {
            log.info("{}: {} -> {}", settings.applicationId(), previous, next);
            if (next == KafkaStreams.State.RUNNING) {
                hasRun = true;
            }
        });
        streamsMetrics = new KafkaStreamsMetrics(created);
        streamsMetrics.bindTo(meters);
        watchdog.watch(settings.applicationId(), created::metrics);
        created.start();
        streams = created;
    }

    /** Counted per source topic of the topology, every one registered before a record is read. */
    private DeadLetterCounts deadLetters(Topology built) {
        if (deadLetters == null) {
            Set<String> sources = new TreeSet<>();
            built.describe().subtopologies().forEach(subtopology -> subtopology.nodes().forEach(node -> {
                if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                    sources.addAll(source.topicSet());
                }
            }));
            deadLetters = new DeadLetterCounts(meters, settings.applicationId(), sources);
        }
        return deadLetters;
    }

    @Override
    public synchronized void stop() {
        KafkaStreams running = streams;
        if (running == null) {
            return;
        }
        watchdog.unwatch(settings.applicationId());
        // Leaving the group hands the partitions to another instance now, not after the session timeout.
        running.close(CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        streamsMetrics.close();
        streams = null;
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
        Health.Builder health = ready(state, hasRun) ? Health.up() : Health.down();
        return health.withDetail("state", state.name()).withDetail("hasRun", hasRun)
                .withDetail("threadReplacements", (long) replacements.count()).build();
    }

    /** The first rebalance is start-up, not routine: no partitions, no restored stores, no work done. */
    static boolean ready(KafkaStreams.State state, boolean hasRun) {
        return state == KafkaStreams.State.RUNNING || (state == KafkaStreams.State.REBALANCING && hasRun);
    }

    static Properties config(StreamsSettings settings) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitInterval().toMillis());
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, settings.replicationFactor());
        config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.standbyReplicas());
        if (settings.stateDir() != null && !settings.stateDir().isBlank()) {
            config.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir());
        }
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, StreamsDeadLetters.class);
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, StreamsDeadLetters.class);
        // An idle thread would otherwise sit in poll for 100 ms before looking at the commit interval.
        config.put(StreamsConfig.POLL_MS_CONFIG, settings.commitInterval().toMillis());
        // Inputs written by other transactional producers: see KafkaClients.TRANSACTIONAL_TOPIC_FETCH_WAIT.
        config.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG),
                (int) settings.inputFetch().maxWait().toMillis());
        config.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), settings.inputFetch().minBytes());
        config.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
        // The commit flushes the transaction; lingering would only add latency.
        config.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 0);
        config.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), (int) TRANSACTION_RETRY_BACKOFF.toMillis());
        return config;
    }
}
