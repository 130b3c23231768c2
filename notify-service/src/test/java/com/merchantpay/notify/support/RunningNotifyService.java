package com.merchantpay.notify.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.events.order.OrderCreated;
import com.merchantpay.events.order.WxPaymentParameters;
import com.merchantpay.notify.NotifyServiceApplication;
import com.merchantpay.notify.outcome.OutcomeProperties;
import com.merchantpay.schemas.kafka.StreamsRunner;
import com.merchantpay.schemas.ids.EventIds;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.testsupport.SharedInfrastructure;
import com.merchantpay.testsupport.SharedInfrastructureInitializer;
import com.merchantpay.useepay.UseePayClient;
import com.merchantpay.useepay.UseePaySettings;
import com.merchantpay.useepay.pay.JsapiPayRequest;
import com.merchantpay.useepay.pay.PayResult;
import com.merchantpay.useepay.signing.MerchantKey;
import com.merchantpay.useepay.signing.Md5SignatureScheme;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service on a random port against the shared real broker and registry, with the UseePay
 * sandbox (a child JVM) posting real notifications to it. One Spring context (and so one Streams
 * application) is shared by every subclass.
 */
@SpringBootTest(classes = NotifyServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "useepay.merchant-no=" + SandboxProcess.MERCHANT_NO,
                "USEEPAY_MD5_KEY=" + SandboxProcess.MD5_KEY,
                "notify.outcome.finding-wait=3s",
                "notify.outcome.wait-check-interval=500ms"})
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
public abstract class RunningNotifyService {

    protected static final long AMOUNT = 1_000L;
    protected static final String CURRENCY = "HKD";
    protected static final String OUTCOMES = PaymentTopics.OUTCOMES.name();
    protected static final String ALERTS = PaymentTopics.ALERTS.name();
    protected static final String FINDINGS = PaymentTopics.PSP_FINDINGS.name();
    protected static final String QUERIES = PaymentTopics.PSP_QUERIES.name();

    private static final class Shared {
        static final TopicWatcher WATCHER = new TopicWatcher(List.of(OUTCOMES, ALERTS, FINDINGS,
                PaymentTopics.ORDERS.deadLetterTopic(), PaymentTopics.PSP_FINDINGS.deadLetterTopic()));
        static final KafkaProducer<String, SpecificRecord> PRODUCER = producer();
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected StreamsRunner outcomeStreams;
    @Autowired
    protected OutcomeProperties outcomeProperties;
    @Autowired
    protected MeterRegistry meters;

    protected final SandboxProcess sandbox = SandboxProcess.sandbox();

    @DynamicPropertySource
    static void uniqueStreamsApplication(DynamicPropertyRegistry registry) {
        // Topics must exist before the Streams application starts: they are never auto-created.
        SharedInfrastructure.provisionPaymentTopics();
        String run = UUID.randomUUID().toString();
        registry.add("notify.outcome.application-id", () -> "notify-outcome-test-" + run);
        registry.add("notify.outcome.state-dir",
                () -> Path.of(System.getProperty("java.io.tmpdir"), "streams-" + run).toString());
    }

    @AfterEach
    void switchesOff() {
        sandbox.faults("{}");
    }

    protected static TopicWatcher watcher() {
        return Shared.WATCHER;
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
        UseePaySettings settings = new UseePaySettings(sandbox.baseUrl(), SandboxProcess.MERCHANT_NO, "shop.example.com",
                notifyUrl(), Duration.ofSeconds(2), Duration.ofSeconds(10), 4, 16);
        try (UseePayClient client = UseePayClient.create(settings, new Md5SignatureScheme(new MerchantKey(SandboxProcess.MD5_KEY)))) {
            PayResult result = client.pay(new JsapiPayRequest(orderNo, AMOUNT, CURRENCY, "Test goods", "wx0123456789notifytest",
                    "openid-" + orderNo, Duration.ofMinutes(20), null)).block(Duration.ofSeconds(15));
            assertThat(result).isInstanceOf(PayResult.Accepted.class);
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
        List<java.util.concurrent.Future<?>> sent = eventsByKey.entrySet().stream()
                .<java.util.concurrent.Future<?>>map(entry -> Shared.PRODUCER.send(new ProducerRecord<>(topic, entry.getKey(), entry.getValue())))
                .toList();
        Shared.PRODUCER.flush();
        for (java.util.concurrent.Future<?> result : sent) {
            try {
                result.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("could not publish to " + topic, e);
            }
        }
    }

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
                .setMerchantNo(SandboxProcess.MERCHANT_NO)
                .setExpiresAt(Instant.now().plus(Duration.ofMinutes(20)))
                .setPayment(WxPaymentParameters.newBuilder().setTimeStamp("1764151200").setNonceStr("n")
                        .setPrepayPackage("prepay_id=1").setSignType("RSA").setPaySign("s").build())
                .build();
    }

    protected List<SpecificRecord> outcomes(String orderNo) {
        return watcher().events(OUTCOMES, orderNo);
    }

    protected List<String> outcomeKinds(String orderNo) {
        return outcomes(orderNo).stream().map(event -> event.getSchema().getName()).toList();
    }

    protected List<String> alertKinds(String orderNo) {
        return watcher().events(ALERTS, orderNo).stream().map(event -> event.getSchema().getName()).toList();
    }

    protected double counter(String name, String... tags) {
        var search = meters.find(name).tags(tags);
        return search.counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /**
     * Whether the outcome processor has committed (and so published) everything on its input
     * topics: its group's committed offsets equal the end offsets. What makes "no further outcome"
     * assertions meaningful instead of hopeful.
     */
    protected boolean processedEverything() {
        try (Admin admin = Admin.create(SharedInfrastructure.kafkaClientProperties())) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets(outcomeProperties.applicationId()).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            Set<TopicPartition> inputs = Set.of(PaymentTopics.ORDERS.name(), FINDINGS, QUERIES).stream()
                    .flatMap(topic -> java.util.stream.IntStream.range(0, PaymentTopics.ORDER_PARTITIONS)
                            .mapToObj(partition -> new TopicPartition(topic, partition)))
                    .collect(Collectors.toSet());
            Map<TopicPartition, OffsetSpec> latest = inputs.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            return inputs.stream().allMatch(tp -> ends.get(tp).offset() == 0
                    || (committed.get(tp) != null && committed.get(tp).offset() >= ends.get(tp).offset()));
        } catch (Exception e) {
            return false;
        }
    }

    private static KafkaProducer<String, SpecificRecord> producer() {
        return new KafkaProducer<>(SharedInfrastructure.eventProducerConfig());
    }
}
