package com.merchantpay.notify.outcome;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * A record that cannot be read goes to {@code <source topic>.dlt}, same partition, raw bytes
 * untouched, with spring-kafka's standard {@code kafka_dlt-*} headers (what the ops tool lists and
 * re-drives); processing resumes with the next record, so one poison record never stalls a partition.
 * Kafka Streams sends the dead letter inside the same exactly-once transaction as the offset commit.
 */
public final class PoisonRecordHandler implements DeserializationExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(PoisonRecordHandler.class);
    private static final int MAX_MESSAGE_CHARS = 1_000;

    private String applicationId = "";

    @Override
    public void configure(Map<String, ?> configs) {
        Object id = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        applicationId = id == null ? "" : id.toString();
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        String deadLetterTopic = record.topic() + ".dlt";
        log.warn("Unreadable record {}-{}@{} sent to {}: {}", record.topic(), record.partition(), record.offset(),
                deadLetterTopic, exception.getClass().getName());
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, text(record.topic()));
        headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(Integer.BYTES).putInt(record.partition()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(record.offset()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP, ByteBuffer.allocate(Long.BYTES).putLong(record.timestamp()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP_TYPE, text(record.timestampType().toString()));
        headers.add(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, text(applicationId));
        headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, text(exception.getClass().getName()));
        headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, text(reason(exception)));
        if (exception.getCause() != null) {
            headers.add(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN, text(exception.getCause().getClass().getName()));
        }
        return Response.resume(List.of(new ProducerRecord<>(deadLetterTopic, record.partition(), record.timestamp(),
                record.key(), record.value(), headers)));
    }

    private static String reason(Exception exception) {
        String message = exception.getMessage() == null ? exception.getClass().getSimpleName() : exception.getMessage();
        return message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) + "..." : message;
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
