package com.merchantpay.e2e.scaleout;

import com.merchantpay.e2e.support.KafkaNodes;
import com.merchantpay.e2e.support.OrderEvent;
import com.merchantpay.e2e.support.RunningStack;
import com.merchantpay.e2e.support.StackClients;
import com.merchantpay.localstack.LocalStack;
import com.merchantpay.localstack.StackOptions;
import com.merchantpay.localstack.process.StackFolders;
import com.merchantpay.localstack.service.ServiceCatalogue;
import com.merchantpay.localstack.service.ServiceProcess;
import com.merchantpay.schemas.topics.PaymentTopics;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole workflow stack of this package's own, beside (never instead of) the JVM's shared one: its
 * own folder ({@code <e2e.stack.home>-<name>}, cleared first), the e2e defaults (free ports, the
 * built jars, compressed time) plus what a scale-out or crash test needs, and the gateway's rate
 * limits lifted (every virtual shopper comes from 127.0.0.1, and the per-IP bucket would otherwise
 * throttle the bursts these tests are about).
 */
final class OwnStack implements AutoCloseable {

    static final String ORDERS = PaymentTopics.ORDERS.name();
    static final String OUTCOMES = PaymentTopics.OUTCOMES.name();
    /** The topics the services consume on the way from checkout to outcome (the chaos run's input topics). */
    static final List<String> CONSUMED = List.of(PaymentTopics.CHECKOUTS.name(), ORDERS, PaymentTopics.PSP_FINDINGS.name(),
            PaymentTopics.PSP_QUERIES.name(), OUTCOMES);

    private static final Logger log = LoggerFactory.getLogger(OwnStack.class);

    private final LocalStack stack;
    private final StackClients clients;

    private OwnStack(LocalStack stack) {
        this.stack = stack;
        this.clients = StackClients.of(stack);
    }

    /** The e2e defaults, without the gateway's rate limits. */
    static StackOptions options() {
        StackOptions options = RunningStack.defaultOptions();
        for (String limit : List.of("gateway.rate-limit.per-ip.capacity", "gateway.rate-limit.per-open-id.capacity")) {
            options = options.withEnvironment(ServiceCatalogue.GATEWAY_SERVICE, ServiceCatalogue.environmentName(limit), "100000000");
        }
        return options;
    }

    static OwnStack start(String name, StackOptions options) {
        Path home = Path.of(System.getProperty(RunningStack.HOME_PROPERTY) + "-" + name);
        new StackFolders(home).startAfresh();
        long began = System.nanoTime();
        LocalStack stack = LocalStack.start(home, options);
        log.info("{} stack ({} instance(s) per service) up in {} ms; start times {}; logs in {}", name, options.instances(),
                Duration.ofNanos(System.nanoTime() - began).toMillis(), stack.startTimes(), stack.logDirectory());
        return new OwnStack(stack);
    }

    LocalStack local() {
        return stack;
    }

    StackClients clients() {
        return clients;
    }

    /** The Kafka nodes (three with {@code options().withBrokers(3)}): kill, restart, who leads what. */
    KafkaNodes kafkaNodes() {
        return new KafkaNodes(stack);
    }

    List<ServiceProcess> instances(String service) {
        return stack.instances(service);
    }

    List<URI> gateways() {
        return instances(ServiceCatalogue.GATEWAY_SERVICE).stream().map(ServiceProcess::baseUrl).toList();
    }

    /**
     * Waits until the services are done with everything written so far: every consumer group has
     * committed past the end of the {@link #CONSUMED} topics, and nothing new was written to them
     * meanwhile ({@code ConsumerGroups.awaitQuiescent}). A second decision or outcome would be on the
     * topics by then, so "exactly one" is a count afterwards, not a quiet window.
     */
    void awaitServicesDone(Duration atMost) {
        int rounds = clients.consumerGroups().awaitQuiescent(CONSUMED, atMost);
        log.info("every consumer group caught up on {} ({} round(s))", CONSUMED, rounds);
    }

    /** The events on {@code topic} by order number, read to the topic's end. */
    Map<String, List<OrderEvent>> byOrder(String topic) {
        return clients.byOrder(topic);
    }

    /** Whether the tap has read any record of the order on {@code topic} yet (no decoding, for polling). */
    boolean hasAny(String topic, String orderNo) {
        return !clients.topics().records(topic, orderNo).isEmpty();
    }

    @Override
    public void close() {
        clients.close();
        stack.close();
    }

}
