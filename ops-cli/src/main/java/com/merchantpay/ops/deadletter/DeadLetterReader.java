package com.merchantpay.ops.deadletter;

import com.merchantpay.ops.cluster.ClusterConnection;
import com.merchantpay.ops.cluster.OpsFailure;
import com.merchantpay.ops.cluster.PartitionScan;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.schemas.topics.TopicSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;

/** Reads dead letters: all of some dead-letter topics, or one by its coordinates. */
final class DeadLetterReader {

    private final ClusterConnection cluster;
    private final PartitionScan scan;

    DeadLetterReader(ClusterConnection cluster) {
        this.cluster = cluster;
        this.scan = new PartitionScan(cluster);
    }

    /** The given topics, or every catalogue dead-letter topic that exists on the cluster. */
    List<String> topics(List<String> requested) {
        if (requested != null && !requested.isEmpty()) {
            cluster.partitionCounts(requested);
            return requested;
        }
        Set<String> existing = cluster.topicNames();
        return PaymentTopics.all().stream().map(TopicSpec::name)
                .filter(name -> name.endsWith(".dlt") && existing.contains(name)).toList();
    }

    List<DeadLetter> all(List<String> topics, Instant since) {
        Map<String, Integer> counts = cluster.partitionCounts(topics);
        List<TopicPartition> partitions = new ArrayList<>();
        counts.forEach((topic, count) -> IntStream.range(0, count)
                .forEach(partition -> partitions.add(new TopicPartition(topic, partition))));
        List<DeadLetter> letters = new ArrayList<>();
        scan.scan(scan.timeRanges(partitions, since == null ? null : since.toEpochMilli(), null), record -> {
            letters.add(DeadLetter.of(record));
            return true;
        });
        return letters;
    }

    DeadLetter one(String topic, int partition, long offset) {
        int count = cluster.partitionCount(topic);
        if (partition < 0 || partition >= count) {
            throw OpsFailure.refused(topic + " has no partition " + partition + " (it has " + count + ")");
        }
        TopicPartition where = new TopicPartition(topic, partition);
        PartitionScan.Range whole = scan.timeRanges(List.of(where), null, null).getFirst();
        if (offset < whole.start() || offset >= whole.stop()) {
            throw OpsFailure.refused("no record at " + topic + "-" + partition + "@" + offset
                    + " (offsets there are " + whole.start() + " to " + (whole.stop() - 1) + ")");
        }
        List<DeadLetter> found = new ArrayList<>();
        scan.scan(List.of(new PartitionScan.Range(where, offset, offset + 1)), record -> {
            found.add(DeadLetter.of(record));
            return false;
        });
        if (found.isEmpty()) {
            throw OpsFailure.refused("no record at " + topic + "-" + partition + "@" + offset + " (compacted or a transaction marker)");
        }
        return found.getFirst();
    }
}
