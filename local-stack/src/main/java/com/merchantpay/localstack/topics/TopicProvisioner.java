package com.merchantpay.localstack.topics;

import com.merchantpay.schemas.topics.TopicSpec;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the workflow's topics. The broker does not auto-create topics, so this is the only way they
 * come into being. Safe to repeat: a topic that already exists is left as it is.
 */
public final class TopicProvisioner {

    private final Admin admin;
    private final short replicationFactor;
    private final int minInSyncReplicas;

    /** For a single broker: one replica per partition. */
    public TopicProvisioner(Admin admin) {
        this(admin, (short) 1, 1);
    }

    /**
     * Every topic gets {@code replicationFactor} replicas and, unless its spec says otherwise,
     * {@code min.insync.replicas} set on the topic itself, so its durability does not hang on a broker default.
     */
    public TopicProvisioner(Admin admin, short replicationFactor, int minInSyncReplicas) {
        if (replicationFactor < 1 || minInSyncReplicas < 1 || minInSyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("replication factor " + replicationFactor + ", min ISR " + minInSyncReplicas);
        }
        this.admin = admin;
        this.replicationFactor = replicationFactor;
        this.minInSyncReplicas = minInSyncReplicas;
    }

    /**
     * Creates the missing topics and returns the names of those it created, once every partition of
     * every given topic has a leader: the controller acknowledges a creation before the broker has
     * applied it, and a client that arrives in between would find no such topic.
     */
    public List<String> provision(List<TopicSpec> topics) {
        List<NewTopic> requests = topics.stream()
                .map(topic -> new NewTopic(topic.name(), topic.partitions(), replicationFactor).configs(configsOf(topic)))
                .toList();
        List<String> created = new ArrayList<>();
        admin.createTopics(requests).values().forEach((name, future) -> {
            if (awaitCreation(name, future)) {
                created.add(name);
            }
        });
        awaitLeaders(topics.stream().map(TopicSpec::name).toList());
        return created;
    }

    private Map<String, String> configsOf(TopicSpec topic) {
        Map<String, String> configs = new HashMap<>(topic.configs());
        configs.putIfAbsent(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInSyncReplicas));
        return configs;
    }

    private void awaitLeaders(List<String> names) {
        await("leaders for " + names.size() + " topic(s)")
                .atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptions()
                .until(() -> admin.describeTopics(names).allTopicNames().get(5, TimeUnit.SECONDS).values().stream()
                        .flatMap(topic -> topic.partitions().stream())
                        .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty()));
    }

    private static boolean awaitCreation(String name, org.apache.kafka.common.KafkaFuture<Void> future) {
        try {
            future.get(30, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw new IllegalStateException("Could not create topic " + name, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating topic " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted creating topic " + name, e);
        }
    }
}
