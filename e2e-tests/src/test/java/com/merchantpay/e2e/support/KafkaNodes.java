package com.merchantpay.e2e.support;

import static org.awaitility.Awaitility.await;

import com.merchantpay.localstack.LocalStack;
import com.merchantpay.localstack.broker.KafkaBrokerProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The Kafka nodes of a stack as a crash test handles them: kill one as a crashed machine would go,
 * start it again, and ask the cluster (Admin {@code describeTopics}) who leads what and whether every
 * replica is back in sync. Node ids are Kafka's own (1..n), as leaders and replicas are named.
 */
public final class KafkaNodes {

    /** How one topic is replicated, as the cluster reports it. */
    public record Replication(int replicationFactor, int minInSyncReplicas) {
    }

    private final LocalStack stack;

    public KafkaNodes(LocalStack stack) {
        this.stack = stack;
    }

    public int count() {
        return stack.brokers().size();
    }

    /** kill -9 of node {@code nodeId}: no flush, no controlled shutdown, no hand-over of leadership. */
    public void kill(int nodeId) {
        node(nodeId).kill();
    }

    /** Starts node {@code nodeId} again on its ports and data; returns once the cluster lists it as a live broker again. */
    public void restart(int nodeId) {
        node(nodeId).start();
    }

    /** The node that leads the most partitions of {@code topic} (the lowest id on a tie). */
    public int leaderOfMostPartitions(String topic) {
        return leadersOf(topic).entrySet().stream()
                .max(Comparator.<Map.Entry<Integer, Integer>>comparingInt(Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(Map.Entry::getKey)
                .orElseThrow(() -> new IllegalStateException("no partition of " + topic + " has a leader"));
    }

    /** Node id → how many partitions of {@code topic} it leads now (nodes leading none are left out). */
    public Map<Integer, Integer> leadersOf(String topic) {
        return partitionsOf(topic).stream().filter(partition -> partition.leader() != null && !partition.leader().isEmpty())
                .collect(Collectors.groupingBy(partition -> partition.leader().id(), TreeMap::new, Collectors.summingInt(partition -> 1)));
    }

    /**
     * Waits until no partition of {@code topic} is led by {@code nodeId} any more and every one has a
     * leader: the controller has fenced the node and moved its leadership. Returns when that happened.
     */
    public Instant awaitLeadershipMovedFrom(int nodeId, String topic, Duration atMost) {
        await("leadership of " + topic + " moved off node " + nodeId).atMost(atMost).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> partitionsOf(topic).stream().allMatch(partition -> partition.leader() != null
                        && !partition.leader().isEmpty() && partition.leader().id() != nodeId));
        return Instant.now();
    }

    /** Waits until every partition of every topic has all its replicas in sync again (the restarted node caught up). */
    public Instant awaitEveryReplicaInSync(Duration atMost) {
        await("every replica of every topic in sync").atMost(atMost).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> describeAll().values().stream().flatMap(topic -> topic.partitions().stream())
                        .allMatch(partition -> partition.isr().size() == partition.replicas().size()));
        return Instant.now();
    }

    /** Every topic of the cluster, Kafka's own and the registry's included, with its replication. */
    public Map<String, Replication> replicationOfEveryTopic() {
        try (Admin admin = admin()) {
            Map<String, TopicDescription> topics = describeAll(admin);
            List<ConfigResource> resources = topics.keySet().stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
            var configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            return topics.values().stream().collect(Collectors.toMap(TopicDescription::name, topic -> new Replication(
                    topic.partitions().stream().mapToInt(partition -> partition.replicas().size()).min().orElse(0),
                    Integer.parseInt(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()))
                            .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value())),
                    (a, b) -> a, TreeMap::new));
        } catch (Exception e) {
            throw new IllegalStateException("Could not describe the cluster's topics", e);
        }
    }

    /** The node that leads the controller quorum now (the active controller: it fences a dead node and moves its leadership). */
    public int activeController() {
        try (Admin admin = admin()) {
            return admin.describeMetadataQuorum().quorumInfo().get(10, TimeUnit.SECONDS).leaderId();
        } catch (Exception e) {
            throw new IllegalStateException("Could not describe the controller quorum", e);
        }
    }

    /** The node ids the cluster lists as live brokers now. */
    public Set<Integer> liveBrokers() {
        try (Admin admin = admin()) {
            return admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).stream().map(Node::id).collect(Collectors.toSet());
        } catch (Exception e) {
            throw new IllegalStateException("Could not describe the cluster", e);
        }
    }

    private KafkaBrokerProcess node(int nodeId) {
        return stack.kafka().node(nodeId);
    }

    private List<TopicPartitionInfo> partitionsOf(String topic) {
        try (Admin admin = admin()) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions();
        } catch (Exception e) {
            throw new IllegalStateException("Could not describe " + topic, e);
        }
    }

    private Map<String, TopicDescription> describeAll() {
        try (Admin admin = admin()) {
            return describeAll(admin);
        } catch (Exception e) {
            throw new IllegalStateException("Could not describe the cluster's topics", e);
        }
    }

    private static Map<String, TopicDescription> describeAll(Admin admin) throws Exception {
        Collection<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(10, TimeUnit.SECONDS);
        return admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                .collect(Collectors.toMap(TopicDescription::name, Function.identity()));
    }

    // Every node's address: with one of them dead the admin still finds the cluster through the others.
    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }
}
