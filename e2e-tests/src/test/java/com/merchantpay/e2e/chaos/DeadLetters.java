package com.merchantpay.e2e.chaos;

import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.testsupport.TopicTap;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The dead-letter topics from the moment this was created, read raw (a dead letter may be
 * undecodable by definition), with spring-kafka's reason headers.
 */
final class DeadLetters implements AutoCloseable {

    /** One dead letter: where it sits, its key, where it came from and why. */
    record DeadLetter(String topic, int partition, long offset, String key, String originalTopic, String reason) {
    }

    private final TopicTap tap;

    DeadLetters(String bootstrapServers) {
        this.tap = TopicTap.open(bootstrapServers, null, TopicTap.From.NOW, topics());
    }

    static List<String> topics() {
        return PaymentTopics.all().stream().map(topic -> topic.name()).filter(name -> name.endsWith(".dlt")).toList();
    }

    /** Every dead letter written since this was created, up to now. */
    List<DeadLetter> since() {
        tap.readToEnd();
        return topics().stream().flatMap(topic -> tap.records(topic).stream()).map(DeadLetters::letter).toList();
    }

    private static DeadLetter letter(ConsumerRecord<String, byte[]> record) {
        return new DeadLetter(record.topic(), record.partition(), record.offset(), record.key(),
                header(record.headers().lastHeader("kafka_dlt-original-topic")),
                header(record.headers().lastHeader("kafka_dlt-exception-message")));
    }

    private static String header(Header header) {
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        tap.close();
    }
}
