package com.merchantpay.schemas.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Notices a consumer that stopped calling {@code poll()}: one stuck in a listener, in a
 * deserializer waiting on the registry, in a rebalance callback. Such a consumer holds its
 * partitions and answers nothing until {@code max.poll.interval.ms} (minutes) runs out, while the
 * process looks healthy. Every watched client's own {@code last-poll-seconds-ago} metric is read
 * every few seconds: past the threshold the consumer counts as stalled, readiness goes DOWN (the
 * {@code kafkaConsumers} health indicator), {@code kafka.consumer.poll.stalled} shows how many are
 * stalled now and {@code kafka.consumer.poll.stalls} counts each stall once, for alerting.
 */
public final class PollWatchdog implements HealthIndicator, AutoCloseable {

    public static final Duration DEFAULT_THRESHOLD = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(PollWatchdog.class);
    private static final String LAST_POLL = "last-poll-seconds-ago";

    private record Watched(Supplier<Map<MetricName, ? extends Metric>> metrics, long sinceNanos) {
    }

    private final Duration threshold;
    private final Map<String, Watched> watched = new ConcurrentHashMap<>();
    private final Map<String, Long> stalledSeconds = new ConcurrentHashMap<>();
    private final Counter stalls;
    private final ScheduledExecutorService checker;

    public PollWatchdog(MeterRegistry meters, Duration threshold, Duration checkEvery) {
        this.threshold = threshold;
        this.stalls = Counter.builder("kafka.consumer.poll.stalls")
                .description("consumers that went longer than the threshold without returning to poll()")
                .register(meters);
        Gauge.builder("kafka.consumer.poll.stalled", stalledSeconds, Map::size)
                .description("consumers stalled right now").register(meters);
        this.checker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("poll-watchdog").daemon().factory());
        checker.scheduleWithFixedDelay(this::check, checkEvery.toMillis(), checkEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Watches the consumers among a client's metrics (a KafkaConsumer's, a listener container's or
     * a KafkaStreams' {@code metrics()}); restore consumers, which poll only while restoring, are left out.
     */
    public void watch(String name, Supplier<Map<MetricName, ? extends Metric>> metrics) {
        watched.put(name, new Watched(metrics, System.nanoTime()));
    }

    public void unwatch(String name) {
        watched.remove(name);
        stalledSeconds.keySet().removeIf(key -> key.startsWith(name + "/"));
    }

    /** The stalled consumers and for how many seconds each has not polled, checked now. */
    public Map<String, Long> stalled() {
        check();
        return new TreeMap<>(stalledSeconds);
    }

    @Override
    public Health health() {
        Map<String, Long> now = stalled();
        Health.Builder health = now.isEmpty() ? Health.up() : Health.down();
        return health.withDetail("watched", watched.keySet()).withDetail("stalledSeconds", now).build();
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }

    private synchronized void check() {
        watched.forEach((name, client) -> {
            Map<MetricName, ? extends Metric> metrics;
            try {
                metrics = client.metrics().get();
            } catch (RuntimeException closedOrNotStarted) {
                return;
            }
            metrics.forEach((metric, value) -> {
                if (LAST_POLL.equals(metric.name()) && !clientId(metric).endsWith("restore-consumer")) {
                    judge(name + "/" + clientId(metric), secondsSinceLastPoll(value, client.sinceNanos()));
                }
            });
        });
    }

    private void judge(String consumer, long seconds) {
        if (seconds <= threshold.toSeconds()) {
            if (stalledSeconds.remove(consumer) != null) {
                log.info("consumer {} polls again", consumer);
            }
            return;
        }
        if (stalledSeconds.put(consumer, seconds) == null) {
            stalls.increment();
            log.error("consumer {} has not returned to poll() for {} s: its partitions stand still", consumer, seconds);
        }
    }

    /** A consumer that never polled yet reports a negative value: count from when it was watched. */
    private static long secondsSinceLastPoll(Metric metric, long watchedSinceNanos) {
        double value = metric.metricValue() instanceof Number number ? number.doubleValue() : -1;
        return value >= 0 ? (long) value : TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - watchedSinceNanos);
    }

    private static String clientId(MetricName metric) {
        return metric.tags().getOrDefault("client-id", "?");
    }
}
