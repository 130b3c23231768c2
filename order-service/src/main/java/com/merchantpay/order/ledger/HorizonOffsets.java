package com.merchantpay.order.ledger;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/** Where the horizon begins in each partition: what the ledger loads from, and where a new group starts. */
public final class HorizonOffsets {

    private HorizonOffsets() {
    }

    /**
     * The first offset of each partition whose record was written at or after {@code since}, or the
     * partition's end where nothing is that recent (nothing within the horizon to read).
     */
    public static Map<TopicPartition, Long> firstWrittenSince(Consumer<?, ?> consumer, Collection<TopicPartition> partitions,
                                                              Instant since) {
        Map<TopicPartition, Long> at = new HashMap<>();
        partitions.forEach(partition -> at.put(partition, since.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(at);
        List<TopicPartition> nothingThatRecent = partitions.stream().filter(partition -> found.get(partition) == null).toList();
        Map<TopicPartition, Long> offsets = new HashMap<>(nothingThatRecent.isEmpty() ? Map.of() : consumer.endOffsets(nothingThatRecent));
        found.forEach((partition, first) -> {
            if (first != null) {
                offsets.put(partition, first.offset());
            }
        });
        return offsets;
    }
}
