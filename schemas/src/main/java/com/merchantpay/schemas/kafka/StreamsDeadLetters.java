package com.merchantpay.schemas.kafka;

import com.merchantpay.schemas.registry.RegistryUnavailableException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One policy for records a Kafka Streams application cannot use: a record that cannot be read, or
 * that is read but makes the processor throw, goes to {@code <source topic>.dlt} (same partition,
 * raw bytes, {@link DeadLetterHeaders}) inside the transaction that commits past it, and the
 * partition moves on. Such a failure is deterministic: retrying it would stall the partition for ever.
 *
 * <p>Two failures are not the record's fault and are never dead-lettered: a registry that does
 * not answer, and a failure outside any record (a punctuation). Both fail the stream thread, which
 * {@link StreamsRunner} replaces; the record is read again from the last commit.
 */
public final class StreamsDeadLetters implements DeserializationExceptionHandler, ProcessingExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(StreamsDeadLetters.class);

    /**
     * The {@link DeadLetterCounts} to count in, passed as an object in the Streams config: Kafka
     * Streams creates this handler itself, so the config is the only way in.
     */
    static final String COUNTS_CONFIG = "merchantpay.dead-letters.counts";

    private String applicationId = "";
    private DeadLetterCounts counts;

    @Override
    public void configure(Map<String, ?> configs) {
        Object id = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        applicationId = id == null ? "" : id.toString();
        counts = configs.get(COUNTS_CONFIG) instanceof DeadLetterCounts given ? given : null;
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
            ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (notTheRecordsFault(exception)) {
            log.warn("could not read {}-{}@{} now, retrying: {}", record.topic(), record.partition(), record.offset(),
                    exception.toString());
            return DeserializationExceptionHandler.Response.fail();
        }
        return DeserializationExceptionHandler.Response.resume(List.of(deadLetter(record.topic(), record.partition(),
                record.offset(), record.timestamp(), new RecordHeaders(record.headers().toArray()), record.key(),
                record.value(), exception)));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
            Exception exception) {
        if (context.topic() == null || notTheRecordsFault(exception)) {
            log.error("{} failed outside any record, or for a reason that is not the record's", applicationId, exception);
            return ProcessingExceptionHandler.Response.fail();
        }
        return ProcessingExceptionHandler.Response.resume(List.of(deadLetter(context.topic(), context.partition(),
                context.offset(), context.timestamp(), new RecordHeaders(context.headers().toArray()),
                context.sourceRawKey(), context.sourceRawValue(), exception)));
    }

    private ProducerRecord<byte[], byte[]> deadLetter(String topic, int partition, long offset, long timestamp,
                                                      RecordHeaders headers, byte[] key, byte[] value, Exception exception) {
        String deadLetterTopic = topic + ".dlt";
        log.warn("record {}-{}@{} sent to {}: {}", topic, partition, offset, deadLetterTopic, exception.toString());
        DeadLetterHeaders.describe(headers, topic, partition, offset, timestamp, applicationId, exception);
        if (counts != null) {
            counts.sent(topic);
        }
        return new ProducerRecord<>(deadLetterTopic, partition, key, value, headers);
    }

    private static boolean notTheRecordsFault(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RegistryUnavailableException) {
                return true;
            }
        }
        return false;
    }
}
