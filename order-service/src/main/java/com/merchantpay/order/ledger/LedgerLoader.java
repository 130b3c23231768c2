package com.merchantpay.order.ledger;

import com.merchantpay.schemas.topics.PaymentTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the decisions of some {@code payments.orders.v1} partitions written within the horizon
 * ({@code order.checkout.max-age}, plus a margin for clocks) up to their end offsets as they stand
 * now, and installs them in the {@link OrderLedger}. Only keys are read: every record on that topic
 * is a decision, and its key is the order number. A checkout older than the horizon is never placed,
 * so no older decision is needed: what an assignment reads grows with the recent order rate, not with
 * the topic's history.
 */
public class LedgerLoader {

    private static final Logger log = LoggerFactory.getLogger(LedgerLoader.class);
    private static final Duration POLL = Duration.ofMillis(200);

    /** Producer clocks may be behind ours: decisions this much older than the horizon are read too. */
    private static final Duration CLOCK_MARGIN = Duration.ofHours(1);

    private final String bootstrapServers;
    private final OrderLedger ledger;
    private final Duration horizon;

    public LedgerLoader(String bootstrapServers, OrderLedger ledger, Duration horizon) {
        this.bootstrapServers = bootstrapServers;
        this.ledger = ledger;
        this.horizon = horizon;
    }

    /**
     * Blocks until every given partition is read to its end offset. Runs on the consumer thread inside
     * the rebalance callback, so no checkout of these partitions is processed before it returns.
     */
    public void load(Collection<Integer> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        List<TopicPartition> topicPartitions = partitions.stream()
                .map(p -> new TopicPartition(PaymentTopics.ORDERS.name(), p)).toList();
        Map<Integer, Set<String>> decided = new HashMap<>();
        partitions.forEach(p -> decided.put(p, new HashSet<>()));
        try (Consumer<String, byte[]> consumer = keyReader()) {
            consumer.assign(topicPartitions);
            seekToHorizon(consumer, topicPartitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(topicPartitions);
            while (!caughtUp(consumer, end)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.key() != null) {
                        decided.get(record.partition()).add(record.key());
                    }
                }
            }
        }
        decided.forEach(ledger::replace);
        log.info("ledger loaded for orders partitions {}: {} decided order numbers in {} ms", partitions,
                decided.values().stream().mapToInt(Set::size).sum(), (System.nanoTime() - started) / 1_000_000);
    }

    private void seekToHorizon(Consumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        Instant since = Instant.now().minus(horizon).minus(CLOCK_MARGIN);
        HorizonOffsets.firstWrittenSince(consumer, partitions, since).forEach(consumer::seek);
    }

    private static boolean caughtUp(Consumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /** Assigned, not subscribed, no group and never committing: it must not touch the service group's offsets. */
    private Consumer<String, byte[]> keyReader() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "order-ledger");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
