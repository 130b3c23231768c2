package com.merchantpay.e2e.scaleout;

import com.merchantpay.e2e.support.OrderEvent;
import com.merchantpay.e2e.support.StackClients;
import com.merchantpay.schemas.topics.PaymentTopics;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What the decision and outcome topics hold per order number, read from the beginning to their end
 * (read_committed, plain consumer, writer schemas from the registry). {@link #afterTheWork} first
 * waits until every consumer group has committed everything written to the workflow's topics, so
 * that what is read is all the services will ever write for the input so far: "exactly one" is then
 * a count, not a quiet window.
 */
final class TopicRecords {

    static final String ORDERS = PaymentTopics.ORDERS.name();
    static final String OUTCOMES = PaymentTopics.OUTCOMES.name();
    static final List<String> WORKFLOW = List.of(PaymentTopics.CHECKOUTS.name(), ORDERS, PaymentTopics.PSP_FINDINGS.name(), OUTCOMES);

    private final Map<String, List<OrderEvent>> decisions;
    private final Map<String, List<OrderEvent>> outcomes;

    private TopicRecords(Map<String, List<OrderEvent>> decisions, Map<String, List<OrderEvent>> outcomes) {
        this.decisions = decisions;
        this.outcomes = outcomes;
    }

    /** The topics as they stand now. */
    static TopicRecords now(StackClients clients) {
        return new TopicRecords(clients.byOrder(ORDERS), clients.byOrder(OUTCOMES));
    }

    /** The topics once every consumer group has caught up with everything written to the workflow's topics. */
    static TopicRecords afterTheWork(StackClients clients) {
        clients.consumerGroups().awaitEveryReaderCaughtUp(WORKFLOW, Duration.ofMinutes(3));
        return now(clients);
    }

    List<OrderEvent> decisionsOf(String orderNo) {
        return decisions.getOrDefault(orderNo, List.of());
    }

    List<OrderEvent> outcomesOf(String orderNo) {
        return outcomes.getOrDefault(orderNo, List.of());
    }

    /** Short record names, for messages: {@code [OrderCreated@3:17]}. */
    static List<String> names(Collection<OrderEvent> events) {
        return events.stream().map(event -> event.simpleType() + "@" + event.partition() + ":" + event.offset()).toList();
    }
}
