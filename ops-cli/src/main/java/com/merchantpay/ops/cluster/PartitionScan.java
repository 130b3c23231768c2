package com.merchantpay.ops.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads fixed offset ranges of partitions once, by assignment. The stop offsets are taken when the
 * scan is planned, so records written while it runs (for example by this tool) are not read again.
 */
public final class PartitionScan {

    /** Offsets [start, stop) of one partition. */
    public record Range(TopicPartition partition, long start, long stop) {
        public long size() {
            return Math.max(0, stop - start);
        }
    }

    /** Sees each record of the ranges once, in offset order per partition; returns false to stop the scan. */
    @FunctionalInterface
    public interface RecordVisitor {
        boolean visit(ConsumerRecord<byte[], byte[]> record);
    }

    private static final Duration POLL = Duration.ofMillis(200);

    private final ClusterConnection cluster;

    public PartitionScan(ClusterConnection cluster) {
        this.cluster = cluster;
    }

    /**
     * The offsets of the records with timestamp in [fromMillis, toMillis) — {@code null} for an open
     * end — as the broker's time index finds them: start is the first offset with timestamp ≥ from,
     * stop the first with timestamp ≥ to (or the end of the partition).
     */
    public List<Range> timeRanges(Collection<TopicPartition> partitions, Long fromMillis, Long toMillis) {
        try (KafkaConsumer<byte[], byte[]> consumer = cluster.consumer()) {
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, cluster.timeout());
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, cluster.timeout());
            Map<TopicPartition, Long> start = fromMillis == null ? begin : offsetsAt(consumer, partitions, fromMillis, end);
            Map<TopicPartition, Long> stop = toMillis == null ? end : offsetsAt(consumer, partitions, toMillis, end);
            List<Range> ranges = new ArrayList<>();
            for (TopicPartition partition : partitions) {
                ranges.add(new Range(partition, start.get(partition), stop.get(partition)));
            }
            return ranges;
        } catch (KafkaException e) {
            throw cluster.translate(e, "find offsets of " + partitions);
        }
    }

    private Map<TopicPartition, Long> offsetsAt(KafkaConsumer<byte[], byte[]> consumer,
            Collection<TopicPartition> partitions, long millis, Map<TopicPartition, Long> end) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(partition -> query.put(partition, millis));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, cluster.timeout());
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp hit = found.get(partition);
            // No record at or after that time: the range ends at the partition's end.
            offsets.put(partition, hit == null ? end.get(partition) : hit.offset());
        }
        return offsets;
    }

    /** Reads every record of the ranges (or until the visitor says stop); returns how many it read. */
    public long scan(List<Range> ranges, RecordVisitor visitor) {
        Map<TopicPartition, Long> stops = new HashMap<>();
        ranges.stream().filter(range -> range.size() > 0).forEach(range -> stops.put(range.partition(), range.stop()));
        if (stops.isEmpty()) {
            return 0;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = cluster.consumer()) {
            consumer.assign(stops.keySet());
            ranges.stream().filter(range -> range.size() > 0).forEach(range -> consumer.seek(range.partition(), range.start()));
            return readUntilStops(consumer, stops, visitor);
        } catch (KafkaException e) {
            throw cluster.translate(e, "read " + stops.keySet());
        }
    }

    private long readUntilStops(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> stops, RecordVisitor visitor) {
        long read = 0;
        long lastProgress = System.nanoTime();
        while (!stops.isEmpty()) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            if (!records.isEmpty()) {
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > cluster.timeout().toNanos()) {
                throw cluster.unreachableBroker("read " + stops.keySet());
            }
            for (ConsumerRecord<byte[], byte[]> record : records) {
                Long stop = stops.get(new TopicPartition(record.topic(), record.partition()));
                if (stop == null || record.offset() >= stop) {
                    continue;
                }
                read++;
                if (!visitor.visit(record)) {
                    return read;
                }
            }
            retireFinished(consumer, stops);
        }
        return read;
    }

    /** A partition is done once the position passes its stop (also across transaction markers). */
    private static void retireFinished(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> stops) {
        List<TopicPartition> finished = stops.entrySet().stream()
                .filter(entry -> consumer.position(entry.getKey()) >= entry.getValue())
                .map(Map.Entry::getKey)
                .toList();
        if (!finished.isEmpty()) {
            consumer.pause(finished);
            finished.forEach(stops::remove);
        }
    }
}
