package com.merchantpay.schemas.topics;

import com.merchantpay.events.alert.CheckoutDeadLettered;
import com.merchantpay.events.alert.FindingWithoutOrder;
import com.merchantpay.events.alert.PaymentAmountMismatch;
import com.merchantpay.events.checkout.CheckoutRequested;
import com.merchantpay.events.identity.UserLoggedIn;
import com.merchantpay.events.order.OrderCreated;
import com.merchantpay.events.order.OrderRejected;
import com.merchantpay.events.outcome.OrderClosed;
import com.merchantpay.events.outcome.PaymentFailed;
import com.merchantpay.events.outcome.PaymentSucceeded;
import com.merchantpay.events.outcome.RefundRequired;
import com.merchantpay.events.psp.PspNotificationVerified;
import com.merchantpay.events.psp.PspStatusQueried;
import com.merchantpay.events.reconciliation.ReconciliationGaveUp;
import com.merchantpay.events.refund.RefundApproved;
import com.merchantpay.events.refund.RefundFailed;
import com.merchantpay.events.refund.RefundRefused;
import com.merchantpay.events.refund.RefundRequested;
import com.merchantpay.events.refund.RefundSubmitted;
import com.merchantpay.events.refund.RefundSucceeded;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one declared place for every topic of the workflow: the local stack, the tests and
 * docker-compose's topic init all create exactly these. Services refer to the names here.
 *
 * <p>Every event of one order is keyed by its order number. The payment topics all have the same
 * partition count, so an order's events sit on the same partition number in each of them.
 */
public final class PaymentTopics {

    /**
     * Partitions of every payment topic: what the local stack and the test infrastructure create,
     * from {@value #PARTITIONS_VARIABLE} in the environment, default 12. Compose's topic-init spells
     * out the default 12 (a test keeps it equal to this catalogue). Services never assume a count: they read it from the broker and refuse
     * to start when their order topics disagree (co-partitioning). More partitions allow more
     * instances; changing the count of existing topics re-keys every order: plan a migration.
     */
    public static final int ORDER_PARTITIONS = partitionsFromEnvironment();

    /** The environment variable (or system property) that sets {@link #ORDER_PARTITIONS}. */
    public static final String PARTITIONS_VARIABLE = "PAYMENT_TOPIC_PARTITIONS";
    private static final int DEFAULT_PARTITIONS = 12;

    /** Payment facts are the merchant's record of money: kept until deleted on purpose. */
    private static final Map<String, String> KEEP_FOREVER = Map.of("retention.ms", "-1");
    private static final Map<String, String> KEEP_30_DAYS = Map.of("retention.ms", String.valueOf(30L * 24 * 3600 * 1000));
    private static final Map<String, String> KEEP_7_DAYS = Map.of("retention.ms", String.valueOf(7L * 24 * 3600 * 1000));

    /** {@code UserLoggedIn}, keyed by openid. Producer: gateway. */
    public static final TopicSpec USER_LOGINS = new TopicSpec("identity.user-logins.v1", ORDER_PARTITIONS, KEEP_7_DAYS,
            List.of(UserLoggedIn.getClassSchema()));

    /** {@code CheckoutRequested}. Producer: gateway. Consumer: order-service. */
    public static final TopicSpec CHECKOUTS = new TopicSpec("payments.checkouts.v1", ORDER_PARTITIONS, KEEP_FOREVER,
            List.of(CheckoutRequested.getClassSchema()));

    /** {@code OrderCreated}, {@code OrderRejected}. Producer: order-service. */
    public static final TopicSpec ORDERS = new TopicSpec("payments.orders.v1", ORDER_PARTITIONS, KEEP_FOREVER,
            List.of(OrderCreated.getClassSchema(), OrderRejected.getClassSchema()));

    /**
     * {@code PspNotificationVerified}: UseePay's notifications, verified, written by notify-service's
     * ingest without a transaction, so a read_committed reader sees each one as soon as it is
     * acknowledged. (Records written before release 0.2 may also be {@code PspStatusQueried}.)
     */
    public static final TopicSpec PSP_FINDINGS = new TopicSpec("payments.psp-findings.v1", ORDER_PARTITIONS, KEEP_FOREVER,
            List.of(PspNotificationVerified.getClassSchema(), PspStatusQueried.getClassSchema()));

    /**
     * {@code PspStatusQueried}: what reconciliation-service learnt by asking UseePay, written in its
     * exactly-once transactions. A topic of its own: on the notifications' topic, every open
     * transaction of the reconciler would hide the notifications written after it from every
     * read_committed reader (the outcome processor) until it committed.
     */
    public static final TopicSpec PSP_QUERIES = new TopicSpec("payments.psp-queries.v1", ORDER_PARTITIONS, KEEP_FOREVER,
            List.of(PspStatusQueried.getClassSchema()));

    /**
     * {@code RefundRequested}: someone asks for money back. Producers: notify-service (money taken for
     * an order that will never ship), operators ({@code bin/ops refund}). Consumer: notify-service's
     * refund ledger, which approves or refuses each request once.
     */
    public static final TopicSpec REFUND_REQUESTS = new TopicSpec("payments.refund-requests.v1", ORDER_PARTITIONS, KEEP_FOREVER,
            List.of(RefundRequested.getClassSchema()));

    /**
     * The refund workflow between its two halves: {@code RefundApproved} and {@code RefundRefused}
     * (notify-service's refund ledger), {@code RefundSubmitted} (order-service, which calls UseePay).
     */
    public static final TopicSpec REFUNDS = new TopicSpec("payments.refunds.v1", ORDER_PARTITIONS, KEEP_FOREVER,
            List.of(RefundApproved.getClassSchema(), RefundRefused.getClassSchema(), RefundSubmitted.getClassSchema()));

    /**
     * Canonical outcomes: {@code PaymentSucceeded}, {@code PaymentFailed}, {@code OrderClosed},
     * {@code RefundRequired}, {@code RefundSucceeded}, {@code RefundFailed}. Producer: notify-service's
     * outcome processor. What downstream merchant systems subscribe to.
     */
    public static final TopicSpec OUTCOMES = new TopicSpec("payments.outcomes.v1", ORDER_PARTITIONS, KEEP_FOREVER,
            List.of(PaymentSucceeded.getClassSchema(), PaymentFailed.getClassSchema(), OrderClosed.getClassSchema(),
                    RefundRequired.getClassSchema(), RefundSucceeded.getClassSchema(), RefundFailed.getClassSchema()));

    /**
     * Events for humans: {@code PaymentAmountMismatch}, {@code FindingWithoutOrder} (notify-service),
     * {@code ReconciliationGaveUp} (reconciliation-service), {@code CheckoutDeadLettered} (order-service).
     */
    public static final TopicSpec ALERTS = new TopicSpec("payments.alerts.v1", ORDER_PARTITIONS, KEEP_FOREVER,
            List.of(PaymentAmountMismatch.getClassSchema(), FindingWithoutOrder.getClassSchema(),
                    ReconciliationGaveUp.getClassSchema(), CheckoutDeadLettered.getClassSchema()));

    private static final List<TopicSpec> EVENT_TOPICS = List.of(USER_LOGINS, CHECKOUTS, ORDERS, PSP_FINDINGS, PSP_QUERIES,
            REFUND_REQUESTS, REFUNDS, OUTCOMES, ALERTS);

    private PaymentTopics() {
    }

    /** Whether the topic is keyed by order number (all but the logins, keyed by openid): those must be co-partitioned. */
    public static boolean keyedByOrderNumber(String topic) {
        return !topic.equals(USER_LOGINS.name()) && !topic.equals(USER_LOGINS.deadLetterTopic());
    }

    private static int partitionsFromEnvironment() {
        String configured = System.getProperty(PARTITIONS_VARIABLE, System.getenv(PARTITIONS_VARIABLE));
        if (configured == null || configured.isBlank()) {
            return DEFAULT_PARTITIONS;
        }
        int partitions = Integer.parseInt(configured.strip());
        if (partitions < 1) {
            throw new IllegalArgumentException(PARTITIONS_VARIABLE + " must be at least 1");
        }
        return partitions;
    }

    /** The event topics, without their dead-letter topics. */
    public static List<TopicSpec> eventTopics() {
        return EVENT_TOPICS;
    }

    /** The event topics and one dead-letter topic for each, with the same partition count. */
    public static List<TopicSpec> all() {
        List<TopicSpec> topics = new ArrayList<>(EVENT_TOPICS);
        for (TopicSpec topic : EVENT_TOPICS) {
            topics.add(new TopicSpec(topic.deadLetterTopic(), topic.partitions(), KEEP_30_DAYS, List.of()));
        }
        return List.copyOf(topics);
    }
}
