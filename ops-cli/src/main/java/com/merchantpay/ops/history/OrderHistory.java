package com.merchantpay.ops.history;

import com.merchantpay.ops.cluster.ClusterConnection;
import com.merchantpay.ops.cluster.PartitionScan;
import com.merchantpay.ops.decoding.DecodedValue;
import com.merchantpay.ops.decoding.EventDecoder;
import com.merchantpay.ops.decoding.HeaderText;
import com.merchantpay.schemas.tracing.TraceHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One order's events in the given topics, decoded and in time order. Reads only the order's
 * partition of each topic (the key decides it), from {@code since} on; only records with the
 * order's key are decoded.
 */
public final class OrderHistory {

    private OrderHistory() {
    }

    public static List<HistoryEntry> read(ClusterConnection cluster, EventDecoder decoder, String orderNo,
                                          List<String> topics, Instant since) {
        Map<String, Integer> counts = cluster.partitionCounts(topics);
        List<TopicPartition> partitions = topics.stream()
                .map(topic -> new TopicPartition(topic, OrderPartition.of(orderNo, counts.get(topic))))
                .toList();
        PartitionScan scan = new PartitionScan(cluster);
        long sinceMillis = since == null ? Long.MIN_VALUE : since.toEpochMilli();
        List<PartitionScan.Range> ranges = scan.timeRanges(partitions, since == null ? null : sinceMillis, null);
        byte[] key = orderNo.getBytes(StandardCharsets.UTF_8);
        List<ConsumerRecord<byte[], byte[]>> matches = new ArrayList<>();
        // The time index only finds where to start; timestamps need not grow with offsets, so check each.
        scan.scan(ranges, record -> {
            if (record.timestamp() >= sinceMillis && Arrays.equals(key, record.key())) {
                matches.add(record);
            }
            return true;
        });
        return matches.stream()
                .map(record -> entry(record, decoder.decode(record.value())))
                .sorted(Comparator.comparing(HistoryEntry::time)
                        .thenComparing(entry -> topics.indexOf(entry.topic()))
                        .thenComparingLong(HistoryEntry::offset))
                .toList();
    }

    private static HistoryEntry entry(ConsumerRecord<byte[], byte[]> record, DecodedValue value) {
        String traceId = HeaderText.last(record.headers(), TraceHeaders.KAFKA_HEADER);
        return new HistoryEntry(Instant.ofEpochMilli(record.timestamp()), record.topic(), record.partition(),
                record.offset(), value.type(), traceId != null ? traceId : value.traceIdField(), value.body());
    }
}
