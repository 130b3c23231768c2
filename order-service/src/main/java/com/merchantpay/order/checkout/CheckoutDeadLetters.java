package com.merchantpay.order.checkout;

import com.merchantpay.schemas.kafka.DeadLetterCounts;
import com.merchantpay.schemas.kafka.DeadLetterHeaders;
import com.merchantpay.schemas.kafka.Acknowledged;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A checkout record that cannot be decided goes to {@code payments.checkouts.v1.dlt}, same partition,
 * the bytes exactly as they arrived, with the standard {@code kafka_dlt-*} headers naming the reason,
 * so the ops tool lists and re-drives it. Its offset counts as finished once the dead letter is durable.
 */
final class CheckoutDeadLetters {

    private static final Logger log = LoggerFactory.getLogger(CheckoutDeadLetters.class);

    private final Producer<String, byte[]> producer;
    private final String consumerGroup;
    private final DecisionMetrics metrics;
    private final DeadLetterCounts counts;

    CheckoutDeadLetters(Producer<String, byte[]> producer, String consumerGroup, DecisionMetrics metrics,
                        DeadLetterCounts counts) {
        this.producer = producer;
        this.consumerGroup = consumerGroup;
        this.metrics = metrics;
        this.counts = counts;
    }

    CompletableFuture<Void> send(ConsumerRecord<String, byte[]> record, Throwable failure) {
        log.warn("checkout record {}-{}@{} dead-lettered: {}", record.topic(), record.partition(), record.offset(), failure.toString());
        metrics.deadLettered(failure);
        counts.sent(record.topic());
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        DeadLetterHeaders.describe(headers, record.topic(), record.partition(), record.offset(), record.timestamp(),
                consumerGroup, failure);
        return Acknowledged.send(producer, new ProducerRecord<>(record.topic() + ".dlt", record.partition(), record.key(),
                record.value(), headers)).thenApply(metadata -> null);
    }
}
