package com.merchantpay.ops.replay;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;

/** What a replay would copy (or copied): per source partition and per event type. */
final class ReplayCounts {

    private final Map<Integer, Long> byPartition = new TreeMap<>();
    private final Map<String, Long> byType = new TreeMap<>();
    private long total;

    void add(int partition, String type) {
        byPartition.merge(partition, 1L, Long::sum);
        byType.merge(type, 1L, Long::sum);
        total++;
    }

    long total() {
        return total;
    }

    void print(PrintWriter out) {
        out.println("  per partition:");
        byPartition.forEach((partition, count) -> out.printf("    %d: %d%n", partition, count));
        out.println("  per type:");
        byType.forEach((type, count) -> out.printf("    %s: %d%n", type, count));
        out.printf("  total: %d%n", total);
    }
}
