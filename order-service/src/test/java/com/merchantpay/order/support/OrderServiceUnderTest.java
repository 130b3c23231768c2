package com.merchantpay.order.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.testsupport.ConsumerGroups;
import com.merchantpay.testsupport.Sandbox;
import com.merchantpay.testsupport.SharedInfrastructure;
import com.merchantpay.testsupport.TopicTap;
import com.merchantpay.order.OrderServiceApplication;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service as it runs in production (its own application.yml), pointed at the shared broker,
 * registry and the test JVM's sandbox. One instance at a time per test JVM: two instances in
 * different consumer groups would both decide the same checkouts, which production never does.
 * Test classes share the running one; restart and replay tests stop it and start their own.
 */
public final class OrderServiceUnderTest {

    public static final String GROUP_ID = "order-service";
    public static final Duration DECISION_WAIT = Duration.ofSeconds(30);

    /** Real time; 512 MB because the concurrency tests and the benchmark keep thousands of orders in it. */
    private static final Sandbox.Options SANDBOX = Sandbox.Options.realTime().withHeapMegabytes(512);

    private static ConfigurableApplicationContext running;
    private static final String SPAN_EXPORTER = "inMemorySpanExporter";

    private OrderServiceUnderTest() {
    }

    /** The sandbox playing UseePay for every test class of this module. */
    public static Sandbox sandbox() {
        return Sandbox.shared(SANDBOX);
    }

    /** Everything on the orders topic, the checkouts' dead-letter topic and the alerts since the broker started. */
    public static TopicTap topics() {
        return Tap.INSTANCE;
    }

    private static final class Tap {
        static final TopicTap INSTANCE = open();

        private static TopicTap open() {
            SharedInfrastructure.provisionPaymentTopics();
            return TopicTap.fromBeginning(PaymentTopics.ORDERS.name(), PaymentTopics.CHECKOUTS.deadLetterTopic(),
                    PaymentTopics.ALERTS.name());
        }
    }

    /** The running service, started with the default test settings if none runs. */
    public static synchronized ConfigurableApplicationContext running() {
        if (running == null || !running.isActive()) {
            running = start(Map.of());
        }
        return running;
    }

    /** Stops whatever runs and starts an instance with these extra properties. */
    public static synchronized ConfigurableApplicationContext restart(Map<String, Object> overrides) {
        stop();
        running = start(overrides);
        return running;
    }

    /** Closes the context, as a kill of the process would end it (in-flight work is abandoned). */
    public static synchronized void stop() {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    /**
     * A second instance in the same group next to the running one, as a scale-out would add it;
     * the caller closes it.
     */
    public static ConfigurableApplicationContext another(Map<String, Object> overrides) {
        return start(overrides);
    }

    /**
     * Every span the running instance exported since it started (Boot's exporter pipeline, in memory).
     * Each start has its own exporter: closing a context shuts its exporter down.
     */
    public static synchronized InMemorySpanExporter spans() {
        return running().getBean(SPAN_EXPORTER, InMemorySpanExporter.class);
    }

    /** A decision on the orders topic: the record as written and its event. */
    public record Decision(ConsumerRecord<String, byte[]> record, Object event) {
    }

    /** Every OrderCreated / OrderRejected read so far for this order number. */
    public static List<Object> decisions(String orderNo) {
        return topics().events(PaymentTopics.ORDERS.name(), orderNo);
    }

    /** Alerts raised for this order number so far, decoded. */
    public static List<Object> alerts(String orderNo) {
        return topics().events(PaymentTopics.ALERTS.name(), orderNo);
    }

    /** What the checkouts' dead-letter topic holds for this key so far. */
    public static List<ConsumerRecord<String, byte[]>> deadLetters(String key) {
        return topics().records(PaymentTopics.CHECKOUTS.deadLetterTopic(), key);
    }

    /**
     * Waits for the decision of {@code orderNo} and for the service to commit past {@code sent}, then
     * reads the orders topic to its end and demands exactly one decision: a second one would have been
     * written before the commit (the service acknowledges a checkout only once its decision is durable).
     */
    public static Decision awaitOneDecision(String orderNo, RecordMetadata sent) {
        await("a decision for " + orderNo).atMost(DECISION_WAIT).until(() -> !decisions(orderNo).isEmpty());
        awaitDoneWith(sent);
        List<ConsumerRecord<String, byte[]>> all = topics().records(PaymentTopics.ORDERS.name(), orderNo);
        assertThat(all).as("decisions for " + orderNo).hasSize(1);
        return new Decision(all.getFirst(), topics().decode(all.getFirst()));
    }

    /** The service's group has committed past {@code sent}, and the tap has read everything written until then. */
    public static void awaitDoneWith(RecordMetadata sent) {
        ConsumerGroups.shared().awaitCommittedPast(GROUP_ID, sent, DECISION_WAIT);
        topics().readToEnd();
    }

    public static Map<String, Object> defaults() {
        Sandbox sandbox = sandbox();
        SharedInfrastructure.provisionPaymentTopics();
        Map<String, Object> properties = new HashMap<>(SharedInfrastructure.springProperties());
        properties.put("server.port", "0");
        properties.put("management.server.port", "0");
        properties.put("spring.kafka.consumer.group-id", GROUP_ID);
        properties.put("useepay.base-url", sandbox.baseUrl());
        properties.put("useepay.merchant-no", sandbox.secrets().merchantNo());
        properties.put("USEEPAY_MD5_KEY", sandbox.secrets().merchantMd5Key());
        properties.put("useepay.notify-url", "http://127.0.0.1:9/useepay/notifications");
        properties.put("useepay.connect-timeout", "500ms");
        properties.put("useepay.response-timeout", "1s");
        properties.put("wechat.app-id", sandbox.secrets().weChatAppId());
        properties.put("order.placement.min-backoff", "50ms");
        properties.put("order.placement.max-backoff", "500ms");
        properties.put("order.checkout.drain-timeout", "5s");
        // A currency the sandbox does not accept: the way to make UseePay itself refuse an order.
        properties.put("catalog.products.yen-sticker.title", "Sticker");
        properties.put("catalog.products.yen-sticker.unit-price-minor", "500");
        properties.put("catalog.products.yen-sticker.currency", "JPY");
        // Spans reach the in-memory exporter within a tenth of a second instead of Boot's 5 s batches.
        properties.put("management.opentelemetry.tracing.export.schedule-delay", "100ms");
        return properties;
    }

    static ConfigurableApplicationContext start(Map<String, Object> overrides) {
        Map<String, Object> properties = defaults();
        properties.putAll(overrides);
        // As command-line arguments: they win over application.yml (builder "properties" would not).
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        // Registered as a bean, so Boot's own tracing auto-configuration exports to it like to any SpanExporter.
        ConfigurableApplicationContext started = new SpringApplicationBuilder(OrderServiceApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton(SPAN_EXPORTER, exporter))
                .run(arguments);
        return started;
    }
}
