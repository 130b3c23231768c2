package com.merchantpay.notify.support;

import com.merchantpay.events.order.OrderCreated;
import com.merchantpay.events.order.WxPaymentParameters;
import com.merchantpay.notify.NotifyServiceApplication;
import com.merchantpay.notify.outcome.OutcomeProperties;
import com.merchantpay.schemas.ids.EventIds;
import com.merchantpay.schemas.kafka.StreamsRunner;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.testsupport.ConsumerGroups;
import com.merchantpay.testsupport.Sandbox;
import com.merchantpay.testsupport.SandboxAdmin;
import com.merchantpay.testsupport.SharedInfrastructure;
import com.merchantpay.testsupport.SharedInfrastructureInitializer;
import com.merchantpay.testsupport.TopicTap;
import com.merchantpay.testsupport.UseePayOrders;
import com.merchantpay.useepay.form.UrlEncodedForm;
import com.merchantpay.useepay.signing.MerchantKey;
import com.merchantpay.useepay.signing.Md5SignatureScheme;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service on a random port against the shared real broker and registry, with the test
 * JVM's sandbox (a child JVM) posting real notifications to it. One Spring context (and so one
 * Streams application) is shared by every subclass. A sandbox minute lasts 6 s ({@link #SANDBOX}), so
 * UseePay's first retry comes 6 s after a refused notification.
 */
@SpringBootTest(classes = NotifyServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "notify.outcome.finding-wait=3s",
                "notify.outcome.wait-check-interval=500ms"})
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
public abstract class RunningNotifyService {

    protected static final long AMOUNT = PaymentInputs.AMOUNT;
    protected static final String CURRENCY = PaymentInputs.CURRENCY;
    protected static final String OUTCOMES = PaymentTopics.OUTCOMES.name();
    protected static final String ALERTS = PaymentTopics.ALERTS.name();
    protected static final String FINDINGS = PaymentTopics.PSP_FINDINGS.name();
    protected static final String QUERIES = PaymentTopics.PSP_QUERIES.name();
    /** The refund workflow: the processor's approvals and refusals, order-service's submissions. */
    protected static final String REFUNDS = PaymentTopics.REFUNDS.name();
    private static final Duration PROCESSING_WAIT = Duration.ofSeconds(90);

    private static final Sandbox.Options SANDBOX = Sandbox.Options.realTime().withTimeScale(0.1).withHeapMegabytes(256);

    private static final class Shared {
        static final TopicTap TAP = TopicTap.fromBeginning(OUTCOMES, ALERTS, FINDINGS, REFUNDS,
                PaymentTopics.ORDERS.deadLetterTopic(), PaymentTopics.PSP_FINDINGS.deadLetterTopic());
        static final KafkaProducer<String, SpecificRecord> PRODUCER = new KafkaProducer<>(SharedInfrastructure.eventProducerConfig());
    }

    @LocalServerPort
    protected int port;
    /** Actuator (health, metrics) answers here only, not on {@link #port}. */
    @LocalManagementPort
    protected int managementPort;
    @Autowired
    protected StreamsRunner outcomeStreams;
    @Autowired
    protected OutcomeProperties outcomeProperties;
    @Autowired
    protected MeterRegistry meters;

    protected final SandboxAdmin sandbox = sandbox().admin();

    /** The sandbox playing UseePay for every test class of this module. */
    public static Sandbox sandbox() {
        return Sandbox.shared(SANDBOX);
    }

    @DynamicPropertySource
    static void sandboxAndUniqueStreamsApplication(DynamicPropertyRegistry registry) {
        // Topics must exist before the Streams application starts: they are never auto-created.
        SharedInfrastructure.provisionPaymentTopics();
        registry.add("useepay.merchant-no", () -> sandbox().secrets().merchantNo());
        registry.add("USEEPAY_MD5_KEY", () -> sandbox().secrets().merchantMd5Key());
        String run = UUID.randomUUID().toString();
        registry.add("notify.outcome.application-id", () -> "notify-outcome-test-" + run);
        registry.add("notify.outcome.state-dir",
                () -> Path.of(System.getProperty("java.io.tmpdir"), "streams-" + run).toString());
    }

    @AfterEach
    void switchesOff() {
        sandbox.clearFaults();
    }

    /** Everything on the outcomes, alerts, findings, refunds and both dead-letter topics since the broker started. */
    protected static TopicTap tap() {
        return Shared.TAP;
    }

    protected URI notifyUrl() {
        return URI.create("http://127.0.0.1:" + port + "/useepay/notifications");
    }

    protected static String newOrderNo(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 18);
    }

    /** order-service's part: UseePay holds the order (notify URL = this service) and OrderCreated is published. */
    protected void placeOrder(String orderNo) {
        placeAtUseePay(orderNo);
        publishOrderCreated(orderNo);
    }

    protected void placeAtUseePay(String orderNo) {
        try (UseePayOrders useePay = new UseePayOrders(sandbox(), notifyUrl())) {
            useePay.place(orderNo, AMOUNT, CURRENCY, 20);
        }
    }

    protected void publishOrderCreated(String orderNo) {
        send(PaymentTopics.ORDERS.name(), orderNo, orderCreated(orderNo));
    }

    protected static void send(String topic, String key, SpecificRecord event) {
        try {
            Shared.PRODUCER.send(new ProducerRecord<>(topic, key, event)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + event.getSchema().getName(), e);
        }
    }

    /** Many events at once: sent without waiting for each, then flushed; fails if any was not written. */
    protected static void sendAll(String topic, Map<String, ? extends SpecificRecord> eventsByKey) {
        List<Future<?>> sent = eventsByKey.entrySet().stream()
                .<Future<?>>map(entry -> Shared.PRODUCER.send(new ProducerRecord<>(topic, entry.getKey(), entry.getValue())))
                .toList();
        Shared.PRODUCER.flush();
        for (Future<?> result : sent) {
            try {
                result.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("could not publish to " + topic, e);
            }
        }
    }

    /** The OrderCreated order-service would publish for an order of {@link #AMOUNT} HKD, expiring in 20 minutes. */
    protected static OrderCreated orderCreated(String orderNo) {
        return OrderCreated.newBuilder()
                .setEventId(EventIds.deterministic(orderNo, "OrderCreated"))
                .setOccurredAt(Instant.now())
                .setOrderNo(orderNo)
                .setTraceId("trace-" + orderNo)
                .setOpenId("openid-" + orderNo)
                .setAmountMinor(AMOUNT)
                .setCurrency(CURRENCY)
                .setSubject("Test goods")
                .setMerchantNo(sandbox().secrets().merchantNo())
                .setExpiresAt(Instant.now().plus(Duration.ofMinutes(20)))
                .setPayment(WxPaymentParameters.newBuilder().setTimeStamp("1764151200").setNonceStr("n")
                        .setPrepayPackage("prepay_id=1").setSignType("RSA").setPaySign("s").build())
                .build();
    }

    protected List<SpecificRecord> outcomes(String orderNo) {
        return tap().events(OUTCOMES, orderNo, SpecificRecord.class);
    }

    protected List<String> outcomeKinds(String orderNo) {
        return tap().eventTypes(OUTCOMES, orderNo);
    }

    protected List<String> alertKinds(String orderNo) {
        return tap().eventTypes(ALERTS, orderNo);
    }

    protected double counter(String name, String... tags) {
        var search = meters.find(name).tags(tags);
        return search.counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /** Fails when the gauge is not registered: a missing gauge must not read as zero. */
    protected double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    /**
     * What order-service does for an approved refund: asks UseePay (the sandbox) to refund
     * {@code amountMinor} of {@code orderNo} under {@code refundNo}, notifications to this service.
     * The sandbox then notifies {@code received} and, once it settles, {@code succeed}.
     *
     * @return UseePay's reply
     */
    protected String refundAtUseePay(String orderNo, String refundNo, long amountMinor) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("version", "1.0");
        fields.put("transactionType", "refund");
        fields.put("merchantNo", sandbox().secrets().merchantNo());
        fields.put("transactionId", refundNo);
        fields.put("originalTransactionId", orderNo);
        fields.put("amount", String.valueOf(amountMinor));
        fields.put("currency", CURRENCY);
        fields.put("notifyUrl", notifyUrl().toString());
        fields.put("signType", "MD5");
        fields.put("sign", new Md5SignatureScheme(new MerchantKey(sandbox().secrets().merchantMd5Key())).sign(fields));
        return sandbox.post("/api", "application/x-www-form-urlencoded", UrlEncodedForm.encode(fields)).body();
    }

    /**
     * The outcome processor has committed (and so published) everything on its input topics as they
     * are now, and the tap has read everything it published: what makes "no further outcome"
     * assertions findings instead of hopes.
     */
    protected void awaitProcessed() {
        ConsumerGroups.shared().awaitCaughtUp(outcomeProperties.applicationId(), inputs(), PROCESSING_WAIT);
        tap().readToEnd();
    }

    /** One look: whether the outcome processor has committed everything on its input topics. */
    protected boolean processedEverything() {
        return ConsumerGroups.shared().hasCaughtUp(outcomeProperties.applicationId(), inputs());
    }

    private static List<String> inputs() {
        return List.of(PaymentTopics.ORDERS.name(), FINDINGS, QUERIES);
    }
}
