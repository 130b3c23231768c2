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

    /** Partitions of every order-keyed topic. Changing it re-keys every order: plan a migration. */
    public static final int ORDER_PARTITIONS = 3;

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
     * Canonical outcomes: {@code PaymentSucceeded}, {@code PaymentFailed}, {@code OrderClosed},
     * {@code RefundRequired}. Producer: notify-service's outcome processor. What downstream
     * merchant systems subscribe to.
     */
    public static final TopicSpec OUTCOMES = new TopicSpec("payments.outcomes.v1", ORDER_PARTITIONS, KEEP_FOREVER,
            List.of(PaymentSucceeded.getClassSchema(), PaymentFailed.getClassSchema(), OrderClosed.getClassSchema(),
                    RefundRequired.getClassSchema()));

    /**
     * Events for humans: {@code PaymentAmountMismatch}, {@code FindingWithoutOrder} (notify-service),
     * {@code ReconciliationGaveUp} (reconciliation-service), {@code CheckoutDeadLettered} (order-service).
     */
    public static final TopicSpec ALERTS = new TopicSpec("payments.alerts.v1", ORDER_PARTITIONS, KEEP_FOREVER,
            List.of(PaymentAmountMismatch.getClassSchema(), FindingWithoutOrder.getClassSchema(),
                    ReconciliationGaveUp.getClassSchema(), CheckoutDeadLettered.getClassSchema()));

    private static final List<TopicSpec> EVENT_TOPICS = List.of(USER_LOGINS, CHECKOUTS, ORDERS, PSP_FINDINGS, PSP_QUERIES, OUTCOMES, ALERTS);

    private PaymentTopics() {
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
