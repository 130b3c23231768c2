package com.merchantpay.localstack.broker;

import com.merchantpay.localstack.broker.KafkaBrokerProcess.BrokerPorts;
import com.merchantpay.localstack.process.StackFolders;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.apache.kafka.common.Uuid;

/**
 * The stack's Kafka: one node ({@code kafka-broker}, as always) or three ({@code kafka-broker-1..3}),
 * each its own process with its own folder, data, log file and PID file under the stack folder.
 * Ports and the cluster id are kept in the stack folder, so a later run finds the same cluster at the
 * same addresses and its storage stays valid.
 */
public final class KafkaCluster {

    /** The folder that holds what all nodes share: the cluster id their storage was formatted with. */
    static final String SHARED_FOLDER = "kafka-cluster";

    private final ClusterLayout layout;
    private final List<KafkaBrokerProcess> nodes;

    private KafkaCluster(StackFolders folders, ClusterLayout layout) {
        this.layout = layout;
        this.nodes = layout.nodeIds().stream().map(id -> KafkaBrokerProcess.node(folders, layout, id)).toList();
    }

    /** {@code size} nodes (1 or 3) under {@code folders}, on the ports and with the cluster id of the previous run when it left them. */
    public static KafkaCluster create(StackFolders folders, int size) {
        List<BrokerPorts> ports = new ArrayList<>();
        Set<Integer> taken = new HashSet<>();
        for (int id = 1; id <= size; id++) {
            Path file = folders.homeOf(KafkaBrokerProcess.memberName(size, id)).resolve("ports.properties");
            BrokerPorts node = BrokerPorts.reuseOrPick(file);
            // Port 0 asked twice may give the same port back once the first socket is closed: no two nodes may share one.
            while (taken.contains(node.client()) || taken.contains(node.controller())) {
                node = BrokerPorts.free();
            }
            taken.add(node.client());
            taken.add(node.controller());
            BrokerPorts.record(file, node);
            ports.add(node);
        }
        return new KafkaCluster(folders, new ClusterLayout(clusterId(folders.homeOf(SHARED_FOLDER).resolve("cluster.properties")), ports));
    }

    /**
     * Starts every node and returns once each is a live broker of the cluster. All are launched
     * before any is awaited: with three voters no controller is elected until two of them run.
     */
    public KafkaCluster start() {
        // Side by side: formatting is a JVM start of its own per node, seconds each on a busy machine.
        onEveryNodeAtOnce(KafkaBrokerProcess::launch);
        nodes.forEach(KafkaBrokerProcess::awaitReady);
        return this;
    }

    /**
     * Stops every node at once (SIGTERM) and waits for all: one by one, the last node would wait in
     * its controlled shutdown for a controller majority that the others, already gone, no longer form.
     */
    public void stop() {
        onEveryNodeAtOnce(KafkaBrokerProcess::stop);
    }

    // A thread per node: the common pool has a single thread on two cores and would do them one by one.
    private void onEveryNodeAtOnce(Consumer<KafkaBrokerProcess> action) {
        try (ExecutorService perNode = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("kafka-node-", 1).factory())) {
            CompletableFuture.allOf(nodes.stream().map(node -> CompletableFuture.runAsync(() -> action.accept(node), perNode))
                    .toArray(CompletableFuture[]::new)).join();
        }
    }

    public ClusterLayout layout() {
        return layout;
    }

    /** The nodes, node 1 first. */
    public List<KafkaBrokerProcess> nodes() {
        return nodes;
    }

    /** Node {@code nodeId} (1-based, as Kafka names it in leaders and replicas). */
    public KafkaBrokerProcess node(int nodeId) {
        layout.portsOf(nodeId); // validates the id
        return nodes.get(nodeId - 1);
    }

    /** Every node's address: what services and clients are given. */
    public String bootstrapServers() {
        return layout.bootstrapServers();
    }

    private static String clusterId(Path file) {
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + file, e);
            }
        }
        String id = properties.getProperty("cluster.id");
        if (id != null && !id.isBlank()) {
            return id;
        }
        id = Uuid.randomUuid().toString();
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "# Every node's storage is formatted with this id; nodes of another id refuse to join.\ncluster.id=" + id + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
        return id;
    }
}
