package com.merchantpay.ops.benchmark;

import static com.merchantpay.ops.support.OpsRun.ops;
import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.events.checkout.CheckoutRequested;
import com.merchantpay.ops.support.OpsRun;
import com.merchantpay.ops.support.SampleOrderEvents;
import com.merchantpay.testsupport.SharedInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How long {@code ops history} takes on a big topic. Run with
 * {@code ./mvnw -B -ntp verify -Pbenchmark -pl ops-cli -am -Dit.test=HistoryBenchmarkIT -Dbenchmark.records=1000000}.
 */
@Tag("benchmark")
class HistoryBenchmarkIT {

    @Test
    void historyOfOneOrderOnAMillionRecordTopic() {
        int records = Integer.getInteger("benchmark.records", 1_000_000);
        String topic = SharedInfrastructure.createUniqueTopic("history-bench", 3);
        Instant old = Instant.now().minus(2, ChronoUnit.DAYS);
        long started = System.nanoTime();
        fill(topic, records, old);
        String orderNo = "ORD-bench-target";
        try (SampleOrderEvents writer = new SampleOrderEvents()) {
            writer.send(topic, orderNo, SampleOrderEvents.filled(new CheckoutRequested(), orderNo, "t"), Instant.now(), "t");
        }
        System.out.printf("BENCHMARK wrote %d records in %d ms%n", records, (System.nanoTime() - started) / 1_000_000);

        long whole = timed(() -> ops("history", orderNo, "--topic", topic), "whole key partition");
        long since = timed(() -> ops("history", orderNo, "--topic", topic, "--since", Instant.now().minus(1, ChronoUnit.HOURS).toString()),
                "--since 1h");
        assertThat(whole).isPositive();
        assertThat(since).isPositive();
    }

    private static long timed(java.util.function.Supplier<OpsRun> command, String label) {
        long started = System.nanoTime();
        OpsRun run = command.get();
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("1 events for order");
        System.out.printf("BENCHMARK history (%s): %d ms%n", label, millis);
        return millis;
    }

    /** Other orders' records, ~300-byte values, timestamps two days ago (as if history piled up). */
    private static void fill(String topic, int records, Instant at) {
        Map<String, Object> config = new HashMap<>(SharedInfrastructure.kafkaClientProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        byte[] value = new byte[300];
        Arrays.fill(value, (byte) 'x');
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            for (int i = 0; i < records; i++) {
                byte[] key = ("ORD-bench-" + i).getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(topic, null, at.toEpochMilli() + i, key, value));
            }
            producer.flush();
        }
    }
}
