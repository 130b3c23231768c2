package com.merchantpay.notify.ingest;

import com.merchantpay.events.psp.PspNotificationVerified;
import com.merchantpay.schemas.kafka.KafkaClients;
import com.merchantpay.schemas.registry.RegisteredSchemas;
import com.merchantpay.schemas.serde.EventSerializer;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.schemas.tracing.KafkaObservations;
import com.merchantpay.schemas.tracing.TraceHeaders;
import io.micrometer.observation.Observation;
import io.micrometer.tracing.propagation.Propagator;
import com.merchantpay.schemas.kafka.Acknowledged;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
    private final Propagator propagator;
    private final AtomicReference<LastFailure> lastFailure = new AtomicReference<>();

    NotificationRecorder(String bootstrapServers, RegisteredSchemas schemas, IngestProperties properties,
                         Propagator propagator) {
        this.propagator = propagator;
        this.producer = new KafkaProducer<>(producerConfig(bootstrapServers, properties), new StringSerializer(),
                new EventSerializer(schemas));
        warmUp();
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis()));
    }

    /**
     * Completes when Kafka has acknowledged the write to every in-sync replica, or fails. The record
     * carries the traceparent of {@code request} (the notification's server span, which lasts until this
     * completes) to the outcome processor; the write has no span of its own: at thousands of notifications
     * a second that span was 9 % of the event loops' CPU, and told nothing the server span does not.
     */
    CompletableFuture<Void> record(String orderKey, PspNotificationVerified event, Observation request) {
        ProducerRecord<String, SpecificRecord> record = new ProducerRecord<>(PaymentTopics.PSP_FINDINGS.name(), orderKey, event);
        record.headers().add(TraceHeaders.KAFKA_HEADER, event.getTraceId().getBytes(StandardCharsets.UTF_8));
        KafkaObservations.carry(propagator, request, record.headers());
        return Acknowledged.send(producer, record).handle((metadata, error) -> {
            if (error == null) {
                lastFailure.set(null);
                return null;
            }
            remember(error);
            throw error instanceof CompletionException completion ? completion : new CompletionException(error);
        });
    }

    /** The findings topic's metadata now, so the first notification does not wait for it; a broker not up yet costs nothing here. */
    private void warmUp() {
        try {
            producer.partitionsFor(PaymentTopics.PSP_FINDINGS.name());
        } catch (RuntimeException notYet) {
            remember(notYet);
        }
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

    private static Map<String, Object> producerConfig(String bootstrapServers, IngestProperties properties) {
        Map<String, Object> config = KafkaClients.producer(bootstrapServers, properties.maxBlock(), properties.deliveryTimeout());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) properties.requestTimeout().toMillis());
        config.put(ProducerConfig.LINGER_MS_CONFIG, (int) properties.linger().toMillis());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "notify-ingest");
        return config;
    }
}
