package com.merchantpay.e2e.chaos;

import static org.awaitility.Awaitility.await;

import com.merchantpay.e2e.support.OpsTool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * "Replay the input topics from the beginning into the running services", done the way an operator
 * would with the team's tool: {@code ops replay} refuses a source equal to its target, so each topic
 * is copied in full to a scratch topic (created here, as an operator would with the usual tooling,
 * same partition count), then from the scratch topic back onto the live topic the services consume,
 * then the scratch topic is deleted. Both hops keep keys, values, headers and timestamps and go to
 * the same partition number, so each live partition receives a second copy of its own history, in
 * order, after the originals, each copy marked with the tool's {@code replay-*} audit headers.
 *
 * <p>Why not reset the consumer groups' offsets instead: that needs every group stopped, replays to
 * every consumer of the topic at once and is not what {@code ops} offers; copying is what the
 * operators' runbook does, and it exercises exactly the duplicate-input path the services must absorb.
 */
final class OperatorReplay {

    /** The audit header the replay tool puts on every copy. */
    static final String REPLAY_ID_HEADER = "replay-id";

    /** What one replay copied: the ops tool's own report lines per hop. */
    record Report(String topic, String toScratch, String backToLive) {
    }

    private final String bootstrapServers;
    private final OpsTool tool;

    OperatorReplay(String bootstrapServers, String registryUrl) {
        this.bootstrapServers = bootstrapServers;
        this.tool = new OpsTool(bootstrapServers, registryUrl);
    }

    /** Replays each topic in full; returns the tool's output per topic. */
    List<Report> replayInFull(List<String> topics, int partitions) {
        List<Report> reports = new ArrayList<>();
        String to = Instant.now().plusSeconds(60).toString();
        for (String topic : topics) {
            String scratch = "ops.replay-scratch." + topic + "." + System.currentTimeMillis();
            createTopic(scratch, partitions);
            try {
                String first = ops("replay", "--source", topic, "--target", scratch, "--from", "1970-01-01T00:00:00Z", "--to", to);
                String second = ops("replay", "--source", scratch, "--target", topic, "--from", "1970-01-01T00:00:00Z", "--to", to);
                reports.add(new Report(topic, first, second));
            } finally {
                deleteTopic(scratch);
            }
        }
        return reports;
    }

    private String ops(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--yes", "--by", "chaos-run", "--timeout", "60"));
        OpsTool.Run run = tool.run(args.toArray(String[]::new));
        if (run.exit() != 0) {
            throw new AssertionError("ops " + String.join(" ", command) + " exited " + run.exit() + ": " + run.err() + run.out());
        }
        return run.said();
    }

    /**
     * Creates the scratch topic and waits until a new client sees it whole, as the ops tool will (it
     * lists the topics, then describes them): the creation's future completes when the controller has
     * the topic, before every broker's metadata does, and the tool never creates a topic it cannot see.
     */
    private void createTopic(String name, int partitions) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create " + name, e);
        }
        await("metadata of " + name).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> {
                    try (Admin fresh = admin()) {
                        return fresh.listTopics().names().get(10, TimeUnit.SECONDS).contains(name)
                                && fresh.describeTopics(Set.of(name)).allTopicNames().get(10, TimeUnit.SECONDS).get(name)
                                .partitions().stream().filter(partition -> partition.leader() != null).count() == partitions;
                    }
                });
    }

    private void deleteTopic(String name) {
        try (Admin admin = admin()) {
            admin.deleteTopics(Set.of(name)).all().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not delete " + name, e);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }
}
