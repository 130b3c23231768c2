package com.merchantpay.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.junit.jupiter.api.Test;
import com.merchantpay.schemas.kafka.StreamsDeadLetters;
import com.merchantpay.schemas.registry.RegistryUnavailableException;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The one dead-letter policy of every Kafka Streams application: the record's own faults go to the
 * DLT with the reason (spring-kafka's header names, which the ops tool reads); a registry that did
 * not answer is not the record's fault and fails the thread so the record is read again.
 */
class StreamsDeadLettersTest {

    @Test
    void aPoisonRecordBecomesADeadLetterOnTheSamePartitionWithTheReasonAndProcessingResumes() {
        StreamsDeadLetters handler = new StreamsDeadLetters();
        handler.configure(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "notify-outcome"));
        byte[] key = "order-1".getBytes(StandardCharsets.UTF_8);
        byte[] value = "not avro".getBytes(StandardCharsets.UTF_8);
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", "t-1".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<byte[], byte[]> poison = new ConsumerRecord<>("payments.orders.v1", 2, 41L, 1_000L,
                TimestampType.CREATE_TIME, key.length, value.length, key, value, headers, Optional.empty());

        DeserializationExceptionHandler.Response response =
                handler.handleError(null, poison, new SerializationException("magic byte 110 is not 0"));

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        ProducerRecord<byte[], byte[]> dead = response.deadLetterQueueRecords().getFirst();
        assertThat(dead.topic()).isEqualTo("payments.orders.v1.dlt");
        assertThat(dead.partition()).isEqualTo(2);
        assertThat(dead.key()).isEqualTo(key);
        assertThat(dead.value()).isEqualTo(value);
        assertThat(text(dead, "trace-id")).isEqualTo("t-1");
        assertThat(text(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo("payments.orders.v1");
        assertThat(ByteBuffer.wrap(dead.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION).value()).getInt()).isEqualTo(2);
        assertThat(ByteBuffer.wrap(dead.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET).value()).getLong()).isEqualTo(41L);
        assertThat(text(dead, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)).isEqualTo("notify-outcome");
        assertThat(text(dead, KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(SerializationException.class.getName());
        assertThat(text(dead, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isEqualTo("magic byte 110 is not 0");
    }

    @Test
    void aRegistryThatDidNotAnswerIsNotTheRecordsFaultSoNothingIsDeadLettered() {
        StreamsDeadLetters handler = new StreamsDeadLetters();
        handler.configure(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "notify-outcome"));
        byte[] value = new byte[] {0, 0, 0, 0, 42};
        ConsumerRecord<byte[], byte[]> fine = new ConsumerRecord<>("payments.orders.v1", 0, 7L, new byte[0], value);

        DeserializationExceptionHandler.Response response = handler.handleError(null, fine,
                new RegistryUnavailableException("GET /schemas/ids/42 got no answer", null));

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    private static String text(ProducerRecord<byte[], byte[]> record, String header) {
        return new String(record.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
    }
}
