package com.merchantpay.notify.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.notify.support.PaymentInputs;
import com.merchantpay.notify.support.RunningNotifyService;
import com.merchantpay.schemas.ids.EventIds;
import com.merchantpay.schemas.kafka.DeadLetterCounts;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.testsupport.SharedInfrastructure;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The outcome processor on the real broker: stopped mid-stream and restarted, its whole input
 * replayed from offset 0, and fed a poison record. Each order keeps exactly one outcome.
 */
class OutcomeOnBrokerIT extends RunningNotifyService {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void stoppedMidStreamAndRestartedEveryOrderHasExactlyOneOutcome() {
        List<String> orders = IntStream.range(0, 300).mapToObj(i -> newOrderNo("restart-" + i)).toList();
        for (String orderNo : orders) {
            send(PaymentTopics.ORDERS.name(), orderNo, PaymentInputs.orderCreated(orderNo));
            send(FINDINGS, orderNo, PaymentInputs.notification(orderNo, "succeed"));
            send(QUERIES, orderNo, PaymentInputs.query(orderNo, "succeed", AMOUNT, CURRENCY));
        }
        await().atMost(WAIT).until(() -> orders.stream().filter(orderNo -> !outcomes(orderNo).isEmpty()).count() >= 20);

        outcomeStreams.stop();
        outcomeStreams.start();

        await().atMost(WAIT).until(() -> outcomeStreams.state() == KafkaStreams.State.RUNNING);
        awaitProcessed();
        assertExactlyOneSucceededEach(orders);
    }

    @Test
    void replayingEveryInputFromOffsetZeroPublishesNoNewOutcome() throws Exception {
        List<String> orders = IntStream.range(0, 20).mapToObj(i -> newOrderNo("replay-" + i)).toList();
        for (String orderNo : orders) {
            send(PaymentTopics.ORDERS.name(), orderNo, PaymentInputs.orderCreated(orderNo));
            send(FINDINGS, orderNo, PaymentInputs.notification(orderNo, "closed"));
            send(FINDINGS, orderNo, PaymentInputs.notification(orderNo, "succeed"));
        }
        await().atMost(WAIT).until(() -> orders.stream().allMatch(orderNo -> outcomes(orderNo).size() == 2));
        awaitProcessed();
        int outcomesBefore = tap().count(OUTCOMES);
        int alertsBefore = tap().count(ALERTS);

        outcomeStreams.stop();
        rewindInputsToTheBeginning();
        outcomeStreams.start();

        await().atMost(WAIT).until(() -> outcomeStreams.state() == KafkaStreams.State.RUNNING);
        awaitProcessed();
        assertThat(tap().count(OUTCOMES)).as("outcomes after the replay").isEqualTo(outcomesBefore);
        assertThat(tap().count(ALERTS)).as("alerts after the replay").isEqualTo(alertsBefore);
        for (String orderNo : orders) {
            assertThat(outcomeKinds(orderNo)).containsExactly("OrderClosed", "RefundRequired");
        }
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWithItsReasonAndThePartitionMovesOn() throws Exception {
        String orderNo = newOrderNo("poison");
        // The dead-letter alert watches this series: one poison record must raise it by exactly one.
        double deadLettersBefore = deadLettersCounted();
        byte[] garbage = "{not avro}".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(SharedInfrastructure.kafkaClientProperties(),
                new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(FINDINGS, orderNo, garbage)).get(10, TimeUnit.SECONDS);
        }
        send(PaymentTopics.ORDERS.name(), orderNo, PaymentInputs.orderCreated(orderNo));
        send(FINDINGS, orderNo, PaymentInputs.notification(orderNo, "succeed"));

        String deadLetters = PaymentTopics.PSP_FINDINGS.deadLetterTopic();
        await().atMost(WAIT).until(() -> !tap().records(deadLetters, orderNo).isEmpty()
                && outcomeKinds(orderNo).equals(List.of("PaymentSucceeded")));
        ConsumerRecord<String, byte[]> dead = tap().records(deadLetters, orderNo).getFirst();
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(header(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(FINDINGS);
        assertThat(ByteBuffer.wrap(dead.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION).value()).getInt())
                .isEqualTo(dead.partition());
        assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_FQCN)).isNotBlank();
        assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isNotBlank();
        assertThat(deadLettersCounted()).as("kafka.dead_letters of the findings topic").isEqualTo(deadLettersBefore + 1);
    }

    private double deadLettersCounted() {
        return counter(DeadLetterCounts.METER, "consumer", outcomeProperties.applicationId(), "topic", FINDINGS);
    }

    private void assertExactlyOneSucceededEach(List<String> orders) {
        for (String orderNo : orders) {
            List<SpecificRecord> published = outcomes(orderNo);
            assertThat(published).as(orderNo).hasSize(1);
            assertThat(published.getFirst().get(0)).isEqualTo(EventIds.deterministic(orderNo, "outcome"));
        }
    }

    /** What the ops tool's replay does: the group's input offsets back to 0, state kept. */
    private void rewindInputsToTheBeginning() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> toZero = List.of(PaymentTopics.ORDERS.name(), FINDINGS, QUERIES).stream()
                .flatMap(topic -> IntStream.range(0, PaymentTopics.ORDER_PARTITIONS).mapToObj(p -> new TopicPartition(topic, p)))
                .collect(Collectors.toMap(tp -> tp, tp -> new OffsetAndMetadata(0)));
        try (Admin admin = Admin.create(SharedInfrastructure.kafkaClientProperties())) {
            await().atMost(WAIT).ignoreExceptions().until(() -> {
                admin.alterConsumerGroupOffsets(outcomeProperties.applicationId(), toZero).all().get(10, TimeUnit.SECONDS);
                return true;
            });
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
