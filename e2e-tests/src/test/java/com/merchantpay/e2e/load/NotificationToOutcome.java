package com.merchantpay.e2e.load;

import static org.awaitility.Awaitility.await;

import com.merchantpay.schemas.topics.PaymentTopics;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAccumulator;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import reactor.core.publisher.Flux;

/**
 * Notification → outcome: from the sandbox's {@code pay} (the user pays; UseePay sends the
 * notification) to the order's outcome being readable on {@code payments.outcomes.v1} by a plain
 * {@code read_committed} consumer, as a downstream system would first see it. The consumer starts
 * at the topic's end before the first payment.
 */
final class NotificationToOutcome {

    /** The last hop, as the subscriber measures it: the outcome's timestamp is the finding's write time. */
    static final String SUBSCRIBER_HOP = "findings write → outcome readable by a subscriber (outcome record age at read)";

    /**
     * Latency percentiles in milliseconds over the paid orders, how many never arrived, and the hops
     * (hop title → figures): the services' own timers, then the subscriber's record age.
     */
    record Result(int paid, int missing, double ratePerSecond, double p50, double p95, double p99, double max,
                  Map<String, ServerTimers.Figures> hops) {

        /** The services' timers first, in the order a notification passes them, then the subscriber's hop. */
        Result withHops(Map<String, ServerTimers.Figures> measured) {
            Map<String, ServerTimers.Figures> all = new LinkedHashMap<>(measured);
            all.putAll(hops);
            return new Result(paid, missing, ratePerSecond, p50, p95, p99, max, all);
        }
    }

    private NotificationToOutcome() {
    }

    static Result measure(LoadClient client, URI sandbox, String bootstrapServers, List<String> orderNos, double paysPerSecond) {
        Map<String, Long> paidAt = new ConcurrentHashMap<>();
        Map<String, Long> seenAt = new ConcurrentHashMap<>();
        LongAccumulator firstPay = new LongAccumulator(Math::min, Long.MAX_VALUE);
        LongAccumulator lastPay = new LongAccumulator(Math::max, Long.MIN_VALUE);
        Histogram outcomeAges = new Histogram(3);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "load-outcome-watch-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                // A subscriber that cares about latency: read_committed fetches are not woken by commit markers.
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(PaymentTopics.OUTCOMES.name(), Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            // On a fixed schedule (a late tick is caught up), not a delay after each payment: that one slipped to
            // 171/s when asked for 300/s on a busy machine, so the benchmark measured a rate it did not report.
            Thread payer = Thread.ofVirtual().name("load-payer").start(() -> Flux.interval(Duration.ofNanos((long) (1e9 / paysPerSecond)))
                    .take(orderNos.size()).onBackpressureBuffer().map(tick -> orderNos.get(tick.intValue()))
                    .flatMap(orderNo -> {
                        long now = System.nanoTime();
                        paidAt.put(orderNo, now);
                        firstPay.accumulate(now);
                        lastPay.accumulate(now);
                        return client.post(sandbox.resolve("/sandbox/orders/" + orderNo + "/pay"), "{}", Map.of());
                    }, 1024)
                    .blockLast(Duration.ofMinutes(10)));
            // The consumer is polled on this thread only (KafkaConsumer is single-threaded); Awaitility bounds the wait.
            await("outcomes of " + orderNos.size() + " paid orders").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(1))
                    .pollInSameThread().until(() -> {
                        consumer.poll(Duration.ofMillis(50)).forEach(record -> {
                            String orderNo = new String(record.key(), StandardCharsets.UTF_8);
                            if (paidAt.containsKey(orderNo) && seenAt.putIfAbsent(orderNo, System.nanoTime()) == null) {
                                outcomeAges.recordValue(Math.max(0, System.currentTimeMillis() - record.timestamp()));
                            }
                        });
                        return !payer.isAlive() && seenAt.keySet().containsAll(paidAt.keySet());
                    });
        }
        Histogram latencies = new Histogram(3);
        paidAt.forEach((orderNo, paid) -> {
            Long seen = seenAt.get(orderNo);
            if (seen != null) {
                latencies.recordValue(Math.max(1, (seen - paid) / 1_000));
            }
        });
        int missing = (int) paidAt.keySet().stream().filter(orderNo -> !seenAt.containsKey(orderNo)).count();
        double sentPerSecond = paidAt.size() < 2 ? Double.NaN
                : (paidAt.size() - 1) * 1e9 / (lastPay.get() - firstPay.get());
        return new Result(paidAt.size(), missing, sentPerSecond, latencies.getValueAtPercentile(50) / 1000.0,
                latencies.getValueAtPercentile(95) / 1000.0, latencies.getValueAtPercentile(99) / 1000.0,
                latencies.getMaxValue() / 1000.0, Map.of(SUBSCRIBER_HOP, new ServerTimers.Figures(outcomeAges.getMean(),
                        outcomeAges.getValueAtPercentile(99), outcomeAges.getTotalCount())));
    }
}
