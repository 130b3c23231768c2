package com.merchantpay.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.schemas.kafka.PollWatchdog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.health.contributor.Status;
import org.junit.jupiter.api.Test;

/**
 * A consumer that stops returning to {@code poll()} (here: its deserializer hangs, as the registry
 * lookup once did) is reported within seconds: health DOWN, the stall counted once, and UP again
 * when it polls again. Long before {@code max.poll.interval.ms} would have told anyone.
 */
class PollWatchdogIT {

    @Test
    void aConsumerStuckInsidePollIsReportedAndForgivenWhenItPollsAgain() throws Exception {
        String topic = SharedInfrastructure.createUniqueTopic("watchdog", 1);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", SharedInfrastructure.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get();
        }
        CountDownLatch registryAnswers = new CountDownLatch(1);
        Deserializer<String> hangsOnce = (t, bytes) -> {
            awaitQuietly(registryAnswers);
            return new String(bytes);
        };
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (PollWatchdog watchdog = new PollWatchdog(meters, Duration.ofSeconds(1), Duration.ofMillis(200));
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.bootstrapServers(),
                     ConsumerConfig.GROUP_ID_CONFIG, SharedInfrastructure.uniqueGroupId("watchdog"),
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), hangsOnce)) {
            consumer.subscribe(List.of(topic));
            watchdog.watch("test", consumer::metrics);
            Thread poller = Thread.ofPlatform().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    if (!consumer.poll(Duration.ofMillis(100)).isEmpty()) {
                        return;
                    }
                }
            });

            await().atMost(Duration.ofSeconds(30)).until(() -> watchdog.health().getStatus().equals(Status.DOWN));
            assertThat(watchdog.stalled()).hasSize(1);
            assertThat(meters.get("kafka.consumer.poll.stalls").counter().count()).isEqualTo(1);

            registryAnswers.countDown();
            poller.join(10_000);
            consumer.poll(Duration.ofMillis(100));
            await().atMost(Duration.ofSeconds(10)).until(() -> watchdog.health().getStatus().equals(Status.UP));
            assertThat(meters.get("kafka.consumer.poll.stalls").counter().count()).as("one stall, counted once").isEqualTo(1);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
