package com.merchantpay.schemas.kafka;

import com.merchantpay.schemas.serde.EventDeserializer;
import com.merchantpay.schemas.serde.EventSerializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The team's client settings, written once: every producer and consumer of event topics starts
 * from these and adds only what its job needs (a group id, a client id, a transaction).
 */
public final class KafkaClients {

    /**
     * How long a reader of a transactional topic lets the broker hold an empty fetch. A
     * read_committed fetch is not woken by a transaction's commit marker, so the default 500 ms
     * would be added to the latency of every outcome a reader waits for.
     */
    public static final Duration TRANSACTIONAL_TOPIC_FETCH_WAIT = Duration.ofMillis(20);

    private KafkaClients() {
    }

    /** {@link #producer} writing events in the registry's wire format. */
    public static Map<String, Object> eventProducer(String bootstrapServers, String registryUrl,
                                                    Duration maxBlock, Duration deliveryTimeout) {
        Map<String, Object> config = producer(bootstrapServers, maxBlock, deliveryTimeout);
        config.put(EventSerializer.REGISTRY_URL_CONFIG, registryUrl);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, EventSerializer.class);
        return config;
    }

    /**
     * Durable and in order: {@code acks=all} with an idempotent producer, String keys (order
     * numbers); the value serializer is the caller's. No linger: our sends are request hops that
     * someone waits for, and records sent while a request is in flight are batched anyway. A send
     * never blocks longer than {@code maxBlock} (metadata is fetched at start-up), and fails after
     * {@code deliveryTimeout} instead of retrying for the default two minutes.
     */
    public static Map<String, Object> producer(String bootstrapServers, Duration maxBlock, Duration deliveryTimeout) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlock.toMillis());
        // Half the delivery timeout: room for one retry, and for a linger a caller may add.
        int requestTimeout = (int) Math.min(deliveryTimeout.toMillis() / 2, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeout);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis());
        return config;
    }

    /** {@link #consumer} reading events in the registry's wire format. */
    public static Map<String, Object> eventConsumer(String bootstrapServers, String registryUrl, Duration fetchMaxWait) {
        Map<String, Object> config = consumer(bootstrapServers, fetchMaxWait);
        config.put(EventSerializer.REGISTRY_URL_CONFIG, registryUrl);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, EventDeserializer.class);
        return config;
    }

    /**
     * Reads committed records only, never commits by itself, String keys; the value deserializer is
     * the caller's. {@code fetchMaxWait}: see {@link #TRANSACTIONAL_TOPIC_FETCH_WAIT}.
     */
    public static Map<String, Object> consumer(String bootstrapServers, Duration fetchMaxWait) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) fetchMaxWait.toMillis());
        return config;
    }
}
