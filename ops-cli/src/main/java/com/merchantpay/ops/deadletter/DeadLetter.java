package com.merchantpay.ops.deadletter;

import com.merchantpay.ops.decoding.HeaderText;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * One dead-letter record and the reason spring-kafka's {@code DeadLetterPublishingRecoverer} wrote
 * with it. Spring-kafka writes topic, exception class and message as UTF-8 text, the original
 * partition as a 4-byte big-endian int and the original offset as an 8-byte big-endian long.
 */
record DeadLetter(String topic, int partition, long offset, Instant time, String key,
        String originalTopic, Integer originalPartition, Long originalOffset,
        String exceptionClass, String exceptionMessage, ConsumerRecord<byte[], byte[]> record) {

    static final String HEADER_PREFIX = "kafka_dlt-";
    static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";
    static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";
    static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";
    static final String EXCEPTION_FQCN = "kafka_dlt-exception-fqcn";
    static final String EXCEPTION_MESSAGE = "kafka_dlt-exception-message";

    static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
        Headers headers = record.headers();
        return new DeadLetter(record.topic(), record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                HeaderText.last(headers, ORIGINAL_TOPIC),
                number(headers.lastHeader(ORIGINAL_PARTITION)) == null ? null : number(headers.lastHeader(ORIGINAL_PARTITION)).intValue(),
                number(headers.lastHeader(ORIGINAL_OFFSET)),
                HeaderText.last(headers, EXCEPTION_FQCN),
                HeaderText.last(headers, EXCEPTION_MESSAGE),
                record);
    }

    /** "topic-partition@offset" of the dead letter itself: the name operators select it by. */
    String coordinates() {
        return topic + "-" + partition + "@" + offset;
    }

    String origin() {
        return originalTopic == null ? "(unknown origin)" : originalTopic + "-" + originalPartition + "@" + originalOffset;
    }

    /** Big-endian int or long as spring-kafka writes them; decimal text as a tolerance for other writers. */
    static Long number(Header header) {
        if (header == null || header.value() == null) {
            return null;
        }
        byte[] value = header.value();
        if (value.length == Integer.BYTES) {
            return (long) ByteBuffer.wrap(value).getInt();
        }
        if (value.length == Long.BYTES) {
            return ByteBuffer.wrap(value).getLong();
        }
        try {
            return Long.parseLong(new String(value, StandardCharsets.UTF_8).trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
