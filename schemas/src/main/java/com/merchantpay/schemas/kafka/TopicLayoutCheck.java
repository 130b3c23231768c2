package com.merchantpay.schemas.kafka;

import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.schemas.topics.TopicSpec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before any client starts: every topic the service uses exists (topics are never auto-created), and
 * every order-keyed one has the same partition count. Joins of an order's events rely on that (the
 * order-service's decision goes to its checkout's partition number, Kafka Streams tasks pair equal
 * partitions), so a service refuses to start on a layout that would silently split an order's history.
 */
public final class TopicLayoutCheck extends StartupCheck {

    private static final Logger log = LoggerFactory.getLogger(TopicLayoutCheck.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final String bootstrapServers;
    private final TopicsInUse topics;

    public TopicLayoutCheck(String bootstrapServers, TopicsInUse topics) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
    }

    @Override
    protected void check() {
        List<String> names = topics.topics().stream().map(TopicSpec::name).toList();
        Map<String, Integer> partitions = describe(names);
        Map<Integer, List<String>> byCount = partitions.entrySet().stream()
                .filter(topic -> PaymentTopics.keyedByOrderNumber(topic.getKey()))
                .collect(Collectors.groupingBy(Map.Entry::getValue, TreeMap::new,
                        Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        if (byCount.size() > 1) {
            throw new IllegalStateException("the order topics are not co-partitioned: " + byCount
                    + " (partition count -> topics). Every topic keyed by order number needs the same count, or an"
                    + " order's events would meet on different partitions; recreate or migrate the topics.");
        }
        log.info("topics {} present, co-partitioned with {} partitions", names, byCount.keySet());
    }

    private Map<String, Integer> describe(List<String> names) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<String, TopicDescription> found = admin.describeTopics(names).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return found.values().stream().collect(Collectors.toMap(TopicDescription::name, topic -> topic.partitions().size()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new IllegalStateException("a topic this service uses does not exist (" + names
                        + "); topics are created by the deployment (local stack, compose's topic-init), never by services", e);
            }
            throw new IllegalStateException("could not describe the topics " + names, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the brokers at " + bootstrapServers + " did not describe the topics within "
                    + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the topics", e);
        }
    }
}
