package com.merchantpay.notify.ingest;

import com.merchantpay.events.psp.PspNotificationVerified;
import com.merchantpay.notify.KafkaConnection;
import com.merchantpay.notify.EventSerde;
import com.merchantpay.schemas.serde.RegistryWireFormat;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.schemas.tracing.TraceHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Writes verified notifications to {@code PaymentTopics.PSP_FINDINGS} with an idempotent,
 * {@code acks=all} producer whose timeouts are short enough that a dead broker fails the send in a
 * few seconds (so UseePay gets a non-200 and retries) instead of parking the request.
 *
 * <p>As the {@code notifyProducer} health indicator (part of readiness) it is DOWN while the broker
 * does not answer or the last send failed less than {@link #FAILURE_MEMORY} ago with no success since.
 * The failure is forgotten after that time so that an unready instance can become ready again.
 */
final class NotificationRecorder implements HealthIndicator, AutoCloseable {

    static final Duration FAILURE_MEMORY = Duration.ofSeconds(5);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private record LastFailure(String error, long atNanos) {
    }

    private final Producer<String, SpecificRecord> producer;
    private final Admin admin;
    private final AtomicReference<LastFailure> lastFailure = new AtomicReference<>();

    NotificationRecorder(KafkaConnection connection, IngestProperties properties) {
        this.producer = new KafkaProducer<>(producerConfig(connection, properties));
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis()));
    }

    /** Completes when Kafka has acknowledged the write to every in-sync replica, or fails. */
    CompletableFuture<Void> record(String orderKey, PspNotificationVerified event) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        ProducerRecord<String, SpecificRecord> record = new ProducerRecord<>(PaymentTopics.PSP_FINDINGS.name(), orderKey, event);
        record.headers().add(TraceHeaders.KAFKA_HEADER, event.getTraceId().getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    lastFailure.set(null);
                    written.complete(null);
                } else {
                    remember(error);
                    written.completeExceptionally(error);
                }
            });
        } catch (RuntimeException error) {
            // send() itself throws on a metadata or buffer wait beyond max.block.ms, or on serialisation.
            remember(error);
            written.completeExceptionally(error);
        }
        return written;
    }

    @Override
    public Health health() {
        LastFailure failure = lastFailure.get();
        if (failure != null && System.nanoTime() - failure.atNanos() < FAILURE_MEMORY.toNanos()) {
            return Health.down().withDetail("lastSendFailed", failure.error()).build();
        }
        try {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) PROBE_TIMEOUT.toMillis()))
                    .nodes().get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
            return Health.up().withDetail("brokers", brokers).build();
        } catch (Exception error) {
            return Health.down().withDetail("broker", error.getClass().getSimpleName()).build();
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(2));
    }

    private void remember(Throwable error) {
        lastFailure.set(new LastFailure(error.getClass().getSimpleName(), System.nanoTime()));
    }

    private static Map<String, Object> producerConfig(KafkaConnection connection, IngestProperties properties) {
        Map<String, Object> config = new HashMap<>(RegistryWireFormat.producerSerdeConfig(connection.registryUrl()));
        config.putAll(EventSerde.JDK_HTTP);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, RegistryWireFormat.SERIALIZER);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) properties.deliveryTimeout().toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) properties.requestTimeout().toMillis());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, properties.maxBlock().toMillis());
        config.put(ProducerConfig.LINGER_MS_CONFIG, (int) properties.linger().toMillis());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "notify-ingest");
        return config;
    }
}
