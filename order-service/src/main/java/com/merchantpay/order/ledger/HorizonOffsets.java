package com.merchantpay.order.ledger;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/** Where the horizon begins in each partition: what the ledger loads from, and where a new group starts. */
public final class HorizonOffsets {

    private HorizonOffsets() {
    }

    /**
     * The first offset of each partition whose record was written at or after {@code since}, or the
     * partition's end where nothing is that recent (nothing within the horizon to read). The ends are
     * taken before the time lookup: a record written in between lies at or past them and is read, never
     * skipped (taking them after would seek past a checkout that arrived during the lookup).
     */
    public static Map<TopicPartition, Long> firstWrittenSince(Consumer<?, ?> consumer, Collection<TopicPartition> partitions,
                                                              Instant since) {
        Map<TopicPartition, Long> offsets = new HashMap<>(consumer.endOffsets(partitions));
        Map<TopicPartition, Long> at = new HashMap<>();
        partitions.forEach(partition -> at.put(partition, since.toEpochMilli()));
        consumer.offsetsForTimes(at).forEach((partition, first) -> {
            if (first != null) {
                offsets.put(partition, first.offset());
            }
        });
        return offsets;
    }
}
