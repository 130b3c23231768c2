package com.merchantpay.schemas.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/**
 * The headers a dead letter carries: spring-kafka's standard {@code kafka_dlt-*} names, so the
 * ops tool lists and re-drives dead letters from every consumer alike, whichever library wrote them.
 */
public final class DeadLetterHeaders {

    public static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";
    public static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";
    public static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";
    public static final String ORIGINAL_TIMESTAMP = "kafka_dlt-original-timestamp";
    public static final String ORIGINAL_CONSUMER_GROUP = "kafka_dlt-original-consumer-group";
    public static final String EXCEPTION_FQCN = "kafka_dlt-exception-fqcn";
    public static final String EXCEPTION_CAUSE_FQCN = "kafka_dlt-exception-cause-fqcn";
    public static final String EXCEPTION_MESSAGE = "kafka_dlt-exception-message";

    private static final int MAX_MESSAGE_CHARS = 1_000;

    private DeadLetterHeaders() {
    }

    /** Adds the reason and the record's origin to {@code headers} (which keep the record's own ones). */
    public static Headers describe(Headers headers, String topic, int partition, long offset, long timestamp,
                                   String consumerGroup, Throwable failure) {
        headers.add(ORIGINAL_TOPIC, utf8(topic));
        headers.add(ORIGINAL_PARTITION, ByteBuffer.allocate(Integer.BYTES).putInt(partition).array());
        headers.add(ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(offset).array());
        headers.add(ORIGINAL_TIMESTAMP, ByteBuffer.allocate(Long.BYTES).putLong(timestamp).array());
        headers.add(ORIGINAL_CONSUMER_GROUP, utf8(consumerGroup));
        headers.add(EXCEPTION_FQCN, utf8(failure.getClass().getName()));
        if (failure.getCause() != null) {
            headers.add(EXCEPTION_CAUSE_FQCN, utf8(failure.getCause().getClass().getName()));
        }
        headers.add(EXCEPTION_MESSAGE, utf8(reason(failure)));
        return headers;
    }

    /** The failure's message and its causes', cut to a length an operator reads. */
    static String reason(Throwable failure) {
        StringBuilder text = new StringBuilder(failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause() && text.length() < MAX_MESSAGE_CHARS;
             cause = cause.getCause()) {
            text.append(" <- ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return text.length() > MAX_MESSAGE_CHARS ? text.substring(0, MAX_MESSAGE_CHARS) + "..." : text.toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
