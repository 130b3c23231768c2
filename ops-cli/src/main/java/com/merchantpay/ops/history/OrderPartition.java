package com.merchantpay.ops.history;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Where Kafka's default partitioner puts a String key: murmur2 of the key's UTF-8 bytes, made
 * positive, modulo the partition count. Every event of an order is keyed by its order number, so
 * the history is on this one partition of each topic.
 */
public final class OrderPartition {

    private OrderPartition() {
    }

    public static int of(String orderNo, int partitions) {
        return Utils.toPositive(Utils.murmur2(orderNo.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
