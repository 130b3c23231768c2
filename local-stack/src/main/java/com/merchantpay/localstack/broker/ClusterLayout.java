package com.merchantpay.localstack.broker;

import com.merchantpay.localstack.broker.KafkaBrokerProcess.BrokerPorts;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The KRaft nodes of one local Kafka cluster, each a broker and a controller in one process, with the
 * node ids 1..n, and the durability the cluster's size allows.
 *
 * <p>One node (the default) holds every replica: replication factor and min ISR 1. Three nodes form a
 * static controller quorum of three and replicate every partition three times with
 * {@code min.insync.replicas=2}: an {@code acks=all} write is on two nodes before it is acknowledged,
 * and the loss of any one node leaves both a controller majority and enough in-sync replicas to keep
 * writing. Other sizes are refused: two nodes survive no loss (a quorum of two needs both), and more
 * than three buys nothing on one machine.
 *
 * @param clusterId the id every node's storage is formatted with (the same on each, or they refuse to join)
 * @param nodes     node {@code i + 1}'s listeners at index {@code i}
 */
public record ClusterLayout(String clusterId, List<BrokerPorts> nodes) {

    public static final int REPLICATED_SIZE = 3;

    public ClusterLayout {
        nodes = List.copyOf(nodes);
        if (nodes.size() != 1 && nodes.size() != REPLICATED_SIZE) {
            throw new IllegalArgumentException("a local cluster has 1 or " + REPLICATED_SIZE + " brokers, not " + nodes.size());
        }
    }

    public int size() {
        return nodes.size();
    }

    public boolean replicated() {
        return size() > 1;
    }

    public List<Integer> nodeIds() {
        return IntStream.rangeClosed(1, size()).boxed().toList();
    }

    public BrokerPorts portsOf(int nodeId) {
        if (nodeId < 1 || nodeId > size()) {
            throw new IllegalArgumentException("no node " + nodeId + " in a cluster of " + size());
        }
        return nodes.get(nodeId - 1);
    }

    /** {@code controller.quorum.voters}: every node votes, so the quorum is static and known to all from the start. */
    public String controllerVoters() {
        return nodeIds().stream().map(id -> id + "@127.0.0.1:" + portsOf(id).controller()).collect(Collectors.joining(","));
    }

    /** Every node's client listener: a client that knows them all still finds the cluster with one node down. */
    public String bootstrapServers() {
        return nodeIds().stream().map(id -> "127.0.0.1:" + portsOf(id).client()).collect(Collectors.joining(","));
    }

    /** Replicas of every partition, the workflow's topics and Kafka's own alike. */
    public short replicationFactor() {
        return (short) (replicated() ? 3 : 1);
    }

    /** Replicas that must hold an {@code acks=all} write before it is acknowledged. */
    public int minInSyncReplicas() {
        return replicated() ? 2 : 1;
    }
}
