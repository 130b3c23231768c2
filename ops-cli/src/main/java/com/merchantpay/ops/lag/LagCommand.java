package com.merchantpay.ops.lag;

import com.merchantpay.ops.cluster.ClusterConnection;
import com.merchantpay.ops.cluster.ClusterOptions;
import com.merchantpay.ops.cluster.OpsFailure;
import com.merchantpay.ops.cluster.PartitionScan;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Per consumer group and partition: records behind, and how old the oldest unconsumed record is. */
@Command(name = "lag", mixinStandardHelpOptions = true,
        description = "Per consumer group and partition: records behind and time behind (age of the oldest unconsumed record).")
public final class LagCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions clusterOptions;

    @Option(names = "--group", paramLabel = "GROUP", description = "Only these groups (repeatable; default: every group).")
    List<String> groups;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (ClusterConnection cluster = ClusterConnection.open(clusterOptions)) {
            List<PartitionLag> lags = new ArrayList<>();
            for (String group : groupsToReport(cluster)) {
                lags.addAll(lagOf(cluster, group));
            }
            print(lags);
        }
        return 0;
    }

    private List<String> groupsToReport(ClusterConnection cluster) {
        Collection<GroupListing> listed = cluster.await(cluster.admin().listGroups(ListGroupsOptions.forConsumerGroups()).all(), "list consumer groups");
        List<String> known = listed.stream().map(GroupListing::groupId).sorted().toList();
        if (groups == null || groups.isEmpty()) {
            return known;
        }
        List<String> unknown = groups.stream().filter(group -> !known.contains(group)).toList();
        if (!unknown.isEmpty()) {
            throw OpsFailure.refused("unknown consumer group: " + String.join(", ", unknown));
        }
        return groups;
    }

    private List<PartitionLag> lagOf(ClusterConnection cluster, String group) {
        Map<TopicPartition, OffsetAndMetadata> committed = cluster.await(
                cluster.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), "read offsets of " + group);
        committed.values().removeIf(offset -> offset == null);
        if (committed.isEmpty()) {
            return List.of();
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = cluster.await(
                cluster.admin().listOffsets(latest).all(), "read end offsets");
        Map<TopicPartition, Long> oldestUnconsumed = oldestUnconsumedTimestamps(cluster, committed, ends);
        Instant now = Instant.now();
        List<PartitionLag> lags = new ArrayList<>();
        committed.forEach((partition, offset) -> {
            long end = ends.get(partition).offset();
            long behind = Math.max(0, end - offset.offset());
            Long oldest = oldestUnconsumed.get(partition);
            Duration age = oldest == null ? Duration.ZERO : Duration.between(Instant.ofEpochMilli(oldest), now);
            lags.add(new PartitionLag(group, partition.topic(), partition.partition(), offset.offset(), end, behind,
                    age.isNegative() ? Duration.ZERO : age));
        });
        lags.sort(Comparator.comparing(PartitionLag::topic).thenComparingInt(PartitionLag::partition));
        return lags;
    }

    /** Reads the one record at each lagging partition's committed offset (no group: nothing is moved). */
    private static Map<TopicPartition, Long> oldestUnconsumedTimestamps(ClusterConnection cluster,
            Map<TopicPartition, OffsetAndMetadata> committed, Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends) {
        List<PartitionScan.Range> ranges = new ArrayList<>();
        committed.forEach((partition, offset) -> {
            long end = ends.get(partition).offset();
            if (offset.offset() < end) {
                ranges.add(new PartitionScan.Range(partition, offset.offset(), end));
            }
        });
        Map<TopicPartition, Long> timestamps = new HashMap<>();
        new PartitionScan(cluster).scan(ranges, record -> {
            timestamps.putIfAbsent(new TopicPartition(record.topic(), record.partition()), record.timestamp());
            return timestamps.size() < ranges.size();
        });
        return timestamps;
    }

    private void print(List<PartitionLag> lags) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-40s %-40s %9s %12s %12s %10s %12s%n", "GROUP", "TOPIC", "PARTITION", "COMMITTED", "END", "BEHIND", "TIME-BEHIND");
        for (PartitionLag lag : lags) {
            out.printf("%-40s %-40s %9d %12d %12d %10d %12s%n", lag.group(), lag.topic(), lag.partition(), lag.committed(),
                    lag.end(), lag.recordsBehind(), humanDuration(lag.timeBehind()));
        }
        out.flush();
    }

    static String humanDuration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return (seconds / 60) + "m" + (seconds % 60) + "s";
        }
        return (seconds / 3600) + "h" + (seconds % 3600 / 60) + "m";
    }
}
