package com.merchantpay.ops.replay;

import com.merchantpay.ops.decoding.EventDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Which source records a replay copies: timestamp in [from, to) — from included, to excluded — and,
 * when given, only the listed event types (schema simple or full name) and order numbers (keys).
 */
record ReplaySelection(Instant from, Instant to, Set<String> types, Set<String> orders) {

    boolean inRange(long timestamp) {
        return timestamp >= from.toEpochMilli() && timestamp < to.toEpochMilli();
    }

    /** The event type of a selected record, or null when the record is not selected. */
    String selectedType(ConsumerRecord<byte[], byte[]> record, EventDecoder decoder) {
        if (!inRange(record.timestamp())) {
            return null;
        }
        if (!orders.isEmpty() && (record.key() == null
                || !orders.contains(new String(record.key(), StandardCharsets.UTF_8)))) {
            return null;
        }
        String type = decoder.typeOf(record.value());
        if (!types.isEmpty() && !types.contains(type) && !types.contains(decoder.fullTypeOf(record.value()))) {
            return null;
        }
        return type;
    }
}
