package com.merchantpay.ops.cluster;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The tool's clients of one cluster, with short timeouts so that an unreachable broker is a clean
 * error after {@code --timeout}, not a hang. Consumers never get a group id: the tool assigns
 * partitions itself and never joins, commits for or moves any consumer group.
 */
public final class ClusterConnection implements AutoCloseable {

    private final String bootstrapServers;
    private final Duration timeout;
    private final Admin admin;

    private ClusterConnection(String bootstrapServers, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
        this.admin = guarded(() -> Admin.create(common()));
    }

    /** Connects and proves the broker answers, so every command fails the same way (exit 3) when it does not. */
    public static ClusterConnection open(ClusterOptions options) {
        ClusterConnection connection = new ClusterConnection(options.bootstrapServers(), options.timeout());
        try {
            connection.await(connection.admin.describeCluster().clusterId(), "reach the cluster");
        } catch (OpsFailure failure) {
            connection.close();
            throw failure.exitCode() == ExitCode.FAILED ? connection.unreachableBroker("reach the cluster") : failure;
        }
        return connection;
    }

    public Admin admin() {
        return admin;
    }

    public Duration timeout() {
        return timeout;
    }

    /** All topic names of the cluster; the first call also proves the broker answers. */
    public Set<String> topicNames() {
        return await(admin.listTopics().names(), "list topics");
    }

    /** Partition counts of the given topics; refuses (exit 2) if one does not exist — nothing is auto-created. */
    public Map<String, Integer> partitionCounts(Collection<String> topics) {
        Set<String> existing = topicNames();
        List<String> missing = topics.stream().filter(topic -> !existing.contains(topic)).toList();
        if (!missing.isEmpty()) {
            throw OpsFailure.refused("unknown topic: " + String.join(", ", missing) + " (the tool never creates topics)");
        }
        Map<String, TopicDescription> descriptions = await(admin.describeTopics(topics).allTopicNames(), "describe topics");
        Map<String, Integer> counts = new TreeMap<>();
        descriptions.forEach((name, description) -> counts.put(name, description.partitions().size()));
        return counts;
    }

    public int partitionCount(String topic) {
        return partitionCounts(List.of(topic)).get(topic);
    }

    /** A consumer with no group: callers assign partitions and seek; nothing is ever committed. */
    public KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> config = common();
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return guarded(() -> new KafkaConsumer<>(config));
    }

    /** An idempotent producer (acks=all) that writes bytes exactly as they were read. */
    public KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> config = common();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis() * 3, 30_000L));
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return guarded(() -> new KafkaProducer<>(config));
    }

    /** Waits for an admin result, turning Kafka's failures into the operator's exit codes. */
    public <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis() + 2_000, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw unreachableBroker(what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpsFailure(ExitCode.FAILED, "interrupted while waiting to " + what);
        } catch (ExecutionException e) {
            throw translate(e.getCause(), what);
        }
    }

    public OpsFailure unreachableBroker(String what) {
        return OpsFailure.unreachable("broker " + bootstrapServers + " did not answer within "
                + timeout.toSeconds() + "s (while trying to " + what + ")");
    }

    /** Maps an exception from a Kafka client to a one-line failure. */
    public OpsFailure translate(Throwable cause, String what) {
        if (cause instanceof OpsFailure failure) {
            return failure;
        }
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return unreachableBroker(what);
        }
        if (cause instanceof UnknownTopicOrPartitionException) {
            return OpsFailure.refused("unknown topic (while trying to " + what + "): " + cause.getMessage());
        }
        return new OpsFailure(ExitCode.FAILED, "could not " + what + ": " + cause.getMessage());
    }

    private <T> T guarded(java.util.function.Supplier<T> create) {
        try {
            return create.get();
        } catch (KafkaException e) {
            String reason = rootMessage(e);
            if (reason != null && reason.contains("bootstrap")) {
                // "No resolvable bootstrap urls": the broker address itself is unusable.
                throw OpsFailure.unreachable("cannot connect to broker " + bootstrapServers + ": " + reason);
            }
            throw new OpsFailure(ExitCode.FAILED, "cannot create a Kafka client: " + reason);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private Map<String, Object> common() {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "ops-cli");
        int millis = (int) timeout.toMillis();
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, millis);
        config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        config.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Math.min(millis, 2_000));
        config.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, Math.min(millis, 5_000));
        config.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        return config;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
