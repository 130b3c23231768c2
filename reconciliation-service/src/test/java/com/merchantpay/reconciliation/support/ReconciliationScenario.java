package com.merchantpay.reconciliation.support;

import com.merchantpay.events.order.OrderCreated;
import com.merchantpay.events.psp.PspStatusQueried;
import com.merchantpay.events.reconciliation.ReconciliationGaveUp;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.testsupport.ConsumerGroups;
import com.merchantpay.testsupport.Sandbox;
import com.merchantpay.testsupport.SandboxAdmin;
import com.merchantpay.testsupport.SharedInfrastructure;
import com.merchantpay.testsupport.TopicTap;
import com.merchantpay.testsupport.UseePayOrders;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * A running reconciler per test class, the test JVM's sandbox, and the other services played by the
 * test: order-service (OrderCreated) and the outcome processor (outcomes), since only what the
 * reconciler publishes is under test here. One UseePay minute is {@link #MINUTE} of real time.
 */
public abstract class ReconciliationScenario {

    /** One UseePay minute lasts 600 ms in the sandbox and in the reconciler under test. */
    public static final double TIME_SCALE = 0.01;
    protected static final Duration MINUTE = Duration.ofMillis(Math.round(60_000 * TIME_SCALE));
    /** Nobody listens here: notifications fail and UseePay retries them, as when notify-service is away. */
    private static final URI NOWHERE = URI.create("http://127.0.0.1:9/notify");
    private static final Sandbox.Options SANDBOX = Sandbox.Options.realTime().withTimeScale(TIME_SCALE).withHeapMegabytes(256)
            .with("SANDBOX_NOTIFY_TIMEOUT", "1s").with("LOGGING_LEVEL_ROOT", "WARN");
    private static final List<String> RECONCILER_INPUTS = List.of(PaymentTopics.ORDERS.name(), PaymentTopics.PSP_FINDINGS.name(),
            PaymentTopics.PSP_QUERIES.name(), PaymentTopics.OUTCOMES.name(), PaymentTopics.REFUNDS.name());

    protected static SandboxAdmin useePay;
    private static UseePayOrders useePayOrders;
    protected static PaymentEvents events;
    protected static RunningReconciler reconciler;

    @BeforeAll
    static void startReconciler() {
        SharedInfrastructure.provisionPaymentTopics();
        useePay = sandbox().admin();
        useePayOrders = new UseePayOrders(sandbox(), NOWHERE);
        events = new PaymentEvents();
        published();
        reconciler = RunningReconciler.start(sandbox());
    }

    @AfterAll
    static void stopReconciler() {
        if (reconciler != null) {
            reconciler.close();
        }
        if (events != null) {
            events.close();
        }
        if (useePayOrders != null) {
            useePayOrders.close();
        }
    }

    @AfterEach
    void switchesOff() {
        useePay.clearFaults();
    }

    /** The sandbox playing UseePay for every test class of this module. */
    public static Sandbox sandbox() {
        return Sandbox.shared(SANDBOX);
    }

    /** What the reconciler publishes (query results, alerts) and the orders' dead letters, from the first scenario on. */
    public static TopicTap published() {
        return Published.TAP;
    }

    private static final class Published {
        static final TopicTap TAP = TopicTap.fromNow(PaymentTopics.PSP_QUERIES.name(), PaymentTopics.ALERTS.name(),
                PaymentTopics.ORDERS.deadLetterTopic());
    }

    protected static String newOrderNo(String scenario) {
        return scenario + "-" + UUID.randomUUID().toString().substring(0, 18);
    }

    /** Creates the order at UseePay as order-service would; {@code expiryMinutes} in UseePay minutes. */
    protected static void createAtUseePay(String orderNo, int expiryMinutes) {
        useePayOrders.place(orderNo, 1000, "HKD", expiryMinutes);
    }

    /** Refunds part of a paid order at UseePay, as order-service's refund executor would. */
    protected static void refundAtUseePay(String refundNo, String orderNo, long amountMinor) {
        useePayOrders.refund(refundNo, orderNo, amountMinor, "HKD");
    }

    /**
     * An order UseePay holds, announced as order-service would: with the lifetime it asked for, in
     * UseePay minutes and unscaled (order-service knows nothing of time scales), while the sandbox
     * closes the order after {@code expiryMinutes} × {@link #MINUTE}.
     */
    protected static String placedOrder(String scenario, int expiryMinutes) {
        String orderNo = newOrderNo(scenario);
        Instant created = Instant.now();
        createAtUseePay(orderNo, expiryMinutes);
        events.orderCreated(orderNo, created, announcedExpiry(created, expiryMinutes));
        return orderNo;
    }

    /** The {@code expiresAt} order-service announces for an order asked to live {@code minutes} UseePay minutes. */
    protected static Instant announcedExpiry(Instant created, int minutes) {
        return created.plus(Duration.ofMinutes(minutes));
    }

    /**
     * The reconciler has read (and acted on, in the same transaction) everything on its input topics
     * written before this call, and the tap has read everything it published until then.
     */
    protected static void awaitReconcilerRead() {
        ConsumerGroups.shared().awaitCaughtUp(reconciler.applicationId(), RECONCILER_INPUTS, Duration.ofSeconds(30));
        published().readToEnd();
    }

    /** The query results the reconciler published for this order. */
    public static List<PspStatusQueried> findings(String orderNo) {
        return published().events(PaymentTopics.PSP_QUERIES.name(), orderNo, PspStatusQueried.class);
    }

    public static List<PspStatusQueried> findings(String orderNo, String status) {
        return findings(orderNo).stream().filter(finding -> status.equals(finding.getStatus())).toList();
    }

    public static List<ReconciliationGaveUp> gaveUps(String orderNo) {
        return published().events(PaymentTopics.ALERTS.name(), orderNo, ReconciliationGaveUp.class);
    }

    public static List<ConsumerRecord<String, byte[]>> deadLetters(String key) {
        return published().records(PaymentTopics.ORDERS.deadLetterTopic(), key);
    }

    /** Dead letters whose value is a readable OrderCreated of this order (for records that had no key). */
    public static List<ConsumerRecord<String, byte[]>> deadLettersOfOrder(String orderNo) {
        return published().records(PaymentTopics.ORDERS.deadLetterTopic()).stream().filter(record -> {
            try {
                return published().decode(record) instanceof OrderCreated created && orderNo.equals(created.getOrderNo());
            } catch (RuntimeException unreadable) {
                return false;
            }
        }).toList();
    }
}
