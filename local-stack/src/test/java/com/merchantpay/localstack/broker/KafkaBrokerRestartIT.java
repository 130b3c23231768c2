package com.merchantpay.localstack.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.merchantpay.localstack.topics.TopicProvisioner;
import com.merchantpay.schemas.topics.TopicSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A record acknowledged with acks=all survives a kill -9 of the broker and a restart on the same data. */
class KafkaBrokerRestartIT {

    private static final Logger log = LoggerFactory.getLogger(KafkaBrokerRestartIT.class);

    private final KafkaBrokerProcess broker = KafkaBrokerProcess.create(
            Path.of(System.getProperty("java.io.tmpdir"), "broker-restart-" + UUID.randomUUID()));

    @AfterEach
    void stopBroker() {
        broker.stop();
    }

    @Test
    void committedRecordIsReadableAfterKillAndRestart() {
        long began = System.nanoTime();
        broker.start();
        log.info("Broker cold start took {} ms", Duration.ofNanos(System.nanoTime() - began).toMillis());
        String topic = "restart-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            new TopicProvisioner(admin).provision(List.of(new TopicSpec(topic, 1, Map.of(), List.of())));
        }
        produceDurably(topic, "order-1", "paid");
        long killedPid = broker.pid().orElseThrow();

        broker.kill();
        assertThat(ProcessHandle.of(killedPid).filter(ProcessHandle::isAlive)).isEmpty();

        began = System.nanoTime();
        broker.start();
        log.info("Broker restart after kill -9 took {} ms", Duration.ofNanos(System.nanoTime() - began).toMillis());
        assertThat(broker.pid().orElseThrow()).isNotEqualTo(killedPid);
        assertThat(readAll(topic)).extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactly(tuple("order-1", "paid"));

        long restartedPid = broker.pid().orElseThrow();
        broker.stop();
        assertThat(ProcessHandle.of(restartedPid).filter(ProcessHandle::isAlive)).isEmpty();
    }

    private void produceDurably(String topic, String key, String value) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new AssertionError("Could not produce to " + topic, e);
        }
    }

    private List<ConsumerRecord<String, String>> readAll(String topic) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "restart-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return !records.isEmpty();
            });
        }
        return records;
    }
}
