package com.merchantpay.ops.replay;

import com.merchantpay.ops.cluster.PartitionScan;
import com.merchantpay.ops.decoding.HeaderText;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The source offsets that earlier runs of the same replay id already wrote to the target, read
 * back from the target's audit headers. Exact (a set, not a high-water mark), so an interrupted
 * run that lost some in-flight sends is completed without gaps and without duplicates.
 *
 * <p>Copies keep their source timestamp, which is ≥ {@code from}; so the target is read only from
 * its first offset with timestamp ≥ {@code from} (a broker-assigned LogAppendTime is later still).
 */
final class AlreadyCopied {

    private final Map<Integer, Set<Long>> offsetsBySourcePartition = new HashMap<>();

    static AlreadyCopied find(PartitionScan scan, String target, int targetPartitions, String replayId,
            String source, Instant from) {
        List<TopicPartition> partitions = IntStream.range(0, targetPartitions)
                .mapToObj(partition -> new TopicPartition(target, partition)).toList();
        AlreadyCopied copied = new AlreadyCopied();
        scan.scan(scan.timeRanges(partitions, from.toEpochMilli(), null), record -> {
            copied.remember(record, replayId, source);
            return true;
        });
        return copied;
    }

    private void remember(ConsumerRecord<byte[], byte[]> record, String replayId, String source) {
        if (!replayId.equals(HeaderText.last(record.headers(), AuditHeaders.REPLAY_ID))
                || !source.equals(HeaderText.last(record.headers(), AuditHeaders.SOURCE_TOPIC))) {
            return;
        }
        int partition = Integer.parseInt(HeaderText.last(record.headers(), AuditHeaders.SOURCE_PARTITION));
        long offset = Long.parseLong(HeaderText.last(record.headers(), AuditHeaders.SOURCE_OFFSET));
        offsetsBySourcePartition.computeIfAbsent(partition, any -> new HashSet<>()).add(offset);
    }

    boolean contains(int sourcePartition, long sourceOffset) {
        return offsetsBySourcePartition.getOrDefault(sourcePartition, Set.of()).contains(sourceOffset);
    }

    long count() {
        return offsetsBySourcePartition.values().stream().mapToLong(Set::size).sum();
    }
}
