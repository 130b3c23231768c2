package com.merchantpay.ops.history;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import com.merchantpay.ops.cluster.ClusterConnection;
import com.merchantpay.ops.cluster.ClusterOptions;
import com.merchantpay.ops.cluster.OpsFailure;
import com.merchantpay.ops.cluster.TimeArgument;
import com.merchantpay.ops.decoding.EventDecoder;
import com.merchantpay.ops.decoding.SchemaRegistry;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.schemas.topics.TopicSpec;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every event of one order across the payment topics and their dead-letter topics, in time order
 * (refund requests, decisions and outcomes included: they are keyed by the order number too).
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Every event of one order across the payment topics (and their .dlt), in time order, decoded.")
public final class HistoryCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    ClusterOptions clusterOptions;

    @Parameters(index = "0", paramLabel = "ORDER_NO", description = "The order number (the Kafka key).")
    String orderNo;

    @Option(names = "--json", description = "One JSON document for scripts instead of text.")
    boolean json;

    @Option(names = "--since", paramLabel = "ISO-TIME", converter = TimeArgument.class,
            description = "Only events at or after this time (skips older segments through the time index).")
    Instant since;

    @Option(names = "--topic", paramLabel = "TOPIC",
            description = "Topics to search instead of the payment topics (repeatable).")
    List<String> topics;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (ClusterConnection cluster = ClusterConnection.open(clusterOptions)) {
            List<String> searched = topicsToSearch(cluster);
            List<HistoryEntry> entries = read(cluster, searched);
            print(entries, searched);
        }
        return 0;
    }

    /** The catalogue's order-keyed topics; one missing from the cluster is reported and skipped. */
    private List<String> topicsToSearch(ClusterConnection cluster) {
        if (topics != null && !topics.isEmpty()) {
            cluster.partitionCounts(topics);
            return topics;
        }
        Set<String> existing = cluster.topicNames();
        List<String> searched = new ArrayList<>();
        for (String topic : catalogueTopics()) {
            if (existing.contains(topic)) {
                searched.add(topic);
            } else {
                spec.commandLine().getErr().println("warning: topic " + topic + " does not exist; skipped");
            }
        }
        if (searched.isEmpty()) {
            throw OpsFailure.refused("none of the payment topics exists on this cluster");
        }
        return searched;
    }

    private static List<String> catalogueTopics() {
        String logins = PaymentTopics.USER_LOGINS.name();
        // User logins are keyed by openid, not by order number.
        return PaymentTopics.all().stream().map(TopicSpec::name).filter(name -> !name.startsWith(logins)).toList();
    }

    private List<HistoryEntry> read(ClusterConnection cluster, List<String> searched) {
        EventDecoder decoder = new EventDecoder(new SchemaRegistry(clusterOptions.registryUrl(), clusterOptions.timeout()));
        return OrderHistory.read(cluster, decoder, orderNo, searched, since);
    }

    private void print(List<HistoryEntry> entries, List<String> searched) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(asJson(entries).toPrettyString());
        } else if (entries.isEmpty()) {
            out.println("no events for order " + orderNo + " in " + searched.size() + " topics");
        } else {
            out.printf("%d events for order %s%n", entries.size(), orderNo);
            for (HistoryEntry entry : entries) {
                out.printf("%s  %s[%d]@%d  %s  trace=%s%n    %s%n", entry.time(), entry.topic(), entry.partition(),
                        entry.offset(), entry.type(), entry.traceId(), entry.event());
            }
        }
        out.flush();
    }

    private ObjectNode asJson(List<HistoryEntry> entries) {
        ObjectNode root = JSON.createObjectNode().put("orderNo", orderNo);
        ArrayNode events = root.putArray("events");
        for (HistoryEntry entry : entries) {
            ObjectNode node = events.addObject();
            node.put("time", entry.time().toString());
            node.put("topic", entry.topic());
            node.put("partition", entry.partition());
            node.put("offset", entry.offset());
            node.put("type", entry.type());
            node.put("traceId", entry.traceId());
            node.set("event", entry.event());
        }
        return root;
    }
}
