package com.merchantpay.e2e.support;

import com.merchantpay.localstack.LocalStack;
import com.merchantpay.localstack.StackOptions;
import com.merchantpay.localstack.process.StackFolders;
import com.merchantpay.localstack.service.ServiceCatalogue;
import com.merchantpay.localstack.service.ServiceJars;
import com.merchantpay.localstack.service.ServiceProcess;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.testsupport.ConsumerGroups;
import com.merchantpay.testsupport.SandboxAdmin;
import com.merchantpay.testsupport.TopicTap;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole workflow as separate OS processes, started exactly as {@code bin/local-stack} starts it
 * ({@link LocalStack} with every service of {@link ServiceCatalogue}), on free ports, with the
 * services' world compressed in time ({@link #TIME_SCALE}) so that expiry and reconciliation happen
 * in seconds. One per test JVM ({@link WorkflowStack}); chaos and load tests reach each member through
 * {@link #localStack()} (kill, stop, restart a service or the broker) and {@link #kafkaNodes()}. A test
 * that needs another shape (three brokers) starts its own with {@link #startOwn}.
 *
 * <p>Only public interfaces are offered: the gateway as the Mini Program calls it, the sandbox's API
 * as UseePay/WeChat and their test console, the topics through a plain consumer and the registry:
 * a {@link TopicTap} from the stack's start, decoded as a consumer in any language would
 * ({@link OrderEvent}), and the consumer groups' commits ({@link #consumerGroups()}).
 */
public final class RunningStack implements AutoCloseable {

    /** A UseePay minute lasts 1.2 s: codes live 6 s, the reconciler's grace is 0.6 s. */
    public static final double TIME_SCALE = 0.02;
    /** As order-service asks UseePay for it; the sandbox runs it as {@link #scaledOrderExpiry()}. */
    public static final Duration ORDER_EXPIRY = Duration.ofMinutes(10);

    public static final String HOME_PROPERTY = "e2e.stack.home";

    /** Every topic of the workflow (dead-letter topics included), all read by {@link #topics()}. */
    public static final List<String> ORDER_TOPICS = StackClients.ORDER_TOPICS;

    private static final Logger log = LoggerFactory.getLogger(RunningStack.class);

    private final LocalStack stack;
    private final StackClients clients;
    private final MiniProgram miniProgram;

    private RunningStack(LocalStack stack) {
        this.stack = stack;
        this.clients = StackClients.of(stack);
        this.miniProgram = clients.miniProgram(stack.serviceUrl(ServiceCatalogue.GATEWAY_SERVICE));
    }

    /** The partition of the order topics an order's events go to (they are keyed by order number). */
    public static int partitionOf(String orderNo) {
        return BuiltInPartitioner.partitionForKey(orderNo.getBytes(StandardCharsets.UTF_8), PaymentTopics.ORDER_PARTITIONS);
    }

    /** Starts a fresh stack under {@code -De2e.stack.home} with the jars the reactor built (see {@link #jars()}). */
    public static RunningStack start() {
        return start(defaultOptions());
    }

    public static RunningStack start(StackOptions options) {
        return startIn(Path.of(required(HOME_PROPERTY)), options);
    }

    /**
     * A stack of a test class's own, beside (never instead of) the JVM's shared one, in
     * {@code <e2e.stack.home>-<name>}: for what the shared stack is not, such as three brokers
     * ({@code defaultOptions().withBrokers(3)}). The caller closes it; run it before anything starts
     * the shared stack ({@code @Order}), so two stacks never share the machine.
     */
    public static RunningStack startOwn(String name, StackOptions options) {
        return startIn(Path.of(required(HOME_PROPERTY) + "-" + name), options);
    }

    private static RunningStack startIn(Path home, StackOptions options) {
        // A fresh broker, registry and state each run: old topics would only slow every read.
        new StackFolders(home).startAfresh();
        long began = System.nanoTime();
        LocalStack stack = LocalStack.start(home, options);
        log.info("Workflow stack up in {} ms; start times {}; logs in {}",
                Duration.ofNanos(System.nanoTime() - began).toMillis(), stack.startTimes(), stack.logDirectory());
        return new RunningStack(stack);
    }

    /** Free ports, compressed time, the jars the build copied: what the e2e tests run. */
    public static StackOptions defaultOptions() {
        return StackOptions.wholeWorkflow(jars())
                .withPorts(StackOptions.PortChoice.FREE)
                .withTimeScale(TIME_SCALE)
                .withOrderExpiry(ORDER_EXPIRY);
    }

    /** Each deployable's exec jar in its module's build folder ({@code -Dlocal-stack.repository}, set by the build). */
    public static ServiceJars jars() {
        return ServiceJars.inBuildFolders(Path.of(required(LocalStack.REPOSITORY_PROPERTY)));
    }

    public MiniProgram miniProgram() {
        return miniProgram;
    }

    public SandboxAdmin sandbox() {
        return clients.sandbox();
    }

    /** Every record of the order topics, read (read_committed) since the stack started. */
    public TopicTap topics() {
        return clients.topics();
    }

    /** Every event of these topics committed until now, decoded, in partition then offset order of arrival. */
    public List<OrderEvent> readAll(String... topicNames) {
        return clients.readAll(topicNames);
    }

    /** Every event keyed by {@code orderNo} on these topics committed until now, decoded, topic by topic. */
    public List<OrderEvent> eventsOf(String orderNo, String... topicNames) {
        return clients.eventsOf(orderNo, topicNames);
    }

    /** The stack's consumer groups: who has read what. */
    public ConsumerGroups consumerGroups() {
        return clients.consumerGroups();
    }

    /** The Kafka nodes: kill or restart one, who leads what, whether every replica is in sync. */
    public KafkaNodes kafkaNodes() {
        return new KafkaNodes(stack);
    }

    /** The launcher itself: members, addresses, logs, start times. */
    public LocalStack localStack() {
        return stack;
    }

    public Duration scaledOrderExpiry() {
        return stack.options().settings().scaledOrderExpiry();
    }

    /** Where Prometheus scrapes a service of {@link ServiceCatalogue} (its first instance). */
    public URI metricsUri(String service) {
        return metricsUri(stack.service(service));
    }

    /**
     * Where Prometheus scrapes one service process. The one place in the tests that knows the path
     * (and port): every scraper asks here, so moving the actuator changes only this method.
     */
    public static URI metricsUri(ServiceProcess process) {
        return process.managementUrl().resolve("/actuator/prometheus");
    }

    /** The log file of a member of {@link ServiceCatalogue}. */
    public Path logOf(String service) {
        return stack.service(service).logFile();
    }

    @Override
    public void close() {
        long began = System.nanoTime();
        clients.close();
        stack.close();
        log.info("Workflow stack stopped in {} ms", Duration.ofNanos(System.nanoTime() - began).toMillis());
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Set -D" + property + " (the build does)");
        }
        return value;
    }

}
