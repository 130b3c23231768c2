package com.merchantpay.ops.deadletter;

import static com.merchantpay.ops.support.OpsRun.ops;
import static com.merchantpay.ops.support.OpsRun.header;
import static com.merchantpay.ops.support.OpsRun.recordsOn;
import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.events.outcome.PaymentSucceeded;
import com.merchantpay.ops.support.OpsRun;
import com.merchantpay.ops.support.SampleOrderEvents;
import com.merchantpay.testsupport.SharedInfrastructure;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Dead letters written by spring-kafka's own {@link DeadLetterPublishingRecoverer}, exactly as the
 * services will write them, so the header formats the tool reads are the real ones.
 */
class DeadLetterCommandIT {

    private final String orderNo = "ORD-" + UUID.randomUUID();
    private String topic;
    private String deadLetters;
    private ConsumerRecord<String, byte[]> failed;

    @BeforeEach
    void aRecordThatAConsumerCouldNotProcess() {
        String name = SharedInfrastructure.createUniqueTopic("dlt-origin", 3);
        topic = name;
        deadLetters = name + ".dlt";
        provision(deadLetters);
        try (SampleOrderEvents writer = new SampleOrderEvents()) {
            writer.send(topic, orderNo, SampleOrderEvents.filled(new PaymentSucceeded(), orderNo, "trace-dlt"), Instant.now(), "trace-dlt");
        }
        failed = recordsOn(topic).getFirst();
        Map<String, Object> config = new HashMap<>(SharedInfrastructure.kafkaClientProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(config);
        try {
            DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(new KafkaTemplate<>(factory),
                    (record, exception) -> new TopicPartition(record.topic() + ".dlt", record.partition()));
            recoverer.accept(failed, new IllegalStateException("amount 1200 HKD does not match the order"));
        } finally {
            factory.destroy();
        }
    }

    private static void provision(String name) {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                SharedInfrastructure.kafkaClientProperties())) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(name, 3, (short) 1))).all().get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void listsDeadLettersWithTheirOriginAndReason() {
        OpsRun run = ops("dlt", "list", "--topic", deadLetters);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("1 dead letters",
                deadLetters + "-" + failed.partition() + "@0",
                "key=" + orderNo,
                "from " + topic + "-" + failed.partition() + "@" + failed.offset(),
                "java.lang.IllegalStateException",
                "amount 1200 HKD does not match the order");
    }

    @Test
    void showsOneDeadLetterWithHeadersAndDecodedValue() {
        OpsRun run = ops("dlt", "show", deadLetters, String.valueOf(failed.partition()), "0");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("kafka_dlt-original-partition = " + failed.partition(),
                "kafka_dlt-original-offset = " + failed.offset(),
                "kafka_dlt-original-topic = " + topic,
                "type:      PaymentSucceeded",
                "\"orderNo\":\"" + orderNo + "\"");
    }

    @Test
    void showRefusesAnOffsetThatHoldsNothing() {
        OpsRun run = ops("dlt", "show", deadLetters, String.valueOf(failed.partition()), "7");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("no record at");
    }

    @Test
    void redrivesToTheOriginalTopicAfterADryRunAndNeverTwice() {
        String selected = failed.partition() + ":0";

        OpsRun dryRun = ops("dlt", "redrive", "--topic", deadLetters, "--record", selected, "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.out()).contains("dry run", "1 dead letters selected");
        assertThat(recordsOn(topic)).hasSize(1);

        OpsRun redrive = ops("dlt", "redrive", "--topic", deadLetters, "--record", selected, "--by", "bob");
        assertThat(redrive.exitCode()).as(redrive.toString()).isZero();
        assertThat(redrive.out()).contains("re-drove 1 dead letters");
        List<ConsumerRecord<String, byte[]>> original = recordsOn(topic);
        assertThat(original).hasSize(2);
        ConsumerRecord<String, byte[]> redriven = original.stream().filter(record -> record.offset() == 1).findFirst().orElseThrow();
        assertThat(redriven.partition()).isEqualTo(failed.partition());
        assertThat(redriven.key()).isEqualTo(failed.key());
        assertThat(redriven.value()).isEqualTo(failed.value());
        assertThat(header(redriven, "trace-id")).isEqualTo("trace-dlt");
        assertThat(header(redriven, "redriven-from")).isEqualTo(deadLetters + "-" + failed.partition() + "@0");
        assertThat(header(redriven, "redriven-by")).isEqualTo("bob");
        assertThat(Arrays.stream(redriven.headers().toArray()).map(Header::key)).noneMatch(key -> key.startsWith("kafka_dlt-"));

        OpsRun twice = ops("dlt", "redrive", "--topic", deadLetters, "--all");
        assertThat(twice.exitCode()).as(twice.toString()).isZero();
        assertThat(twice.out()).contains("already re-driven: skipped");
        assertThat(recordsOn(topic)).hasSize(2);
    }

    @Test
    void redriveNeedsASelection() {
        OpsRun run = ops("dlt", "redrive", "--topic", deadLetters);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("--record", "--all");
    }
}
