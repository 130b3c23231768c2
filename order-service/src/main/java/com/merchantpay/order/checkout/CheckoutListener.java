package com.merchantpay.order.checkout;

import com.merchantpay.events.checkout.CheckoutRequested;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Hands each checkout to the workflow and returns at once. The asynchronous return type makes
 * spring-kafka acknowledge each record when its future completes, in any order, and pause the
 * consumer until every record of the previous poll is acknowledged: {@code max.poll.records} per
 * consumer bounds the work in flight, which is the service's backpressure.
 */
@Component
public class CheckoutListener {

    static final String LISTENER_ID = "checkouts";

    private final CheckoutWorkflow workflow;

    public CheckoutListener(CheckoutWorkflow workflow) {
        this.workflow = workflow;
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false,
            topics = "#{T(com.merchantpay.schemas.topics.PaymentTopics).CHECKOUTS.name()}")
    public CompletableFuture<Void> onCheckout(ConsumerRecord<String, Object> record) {
        // Failures must come back as a failed future, never thrown: see spring-kafka's async return types.
        try {
            if (!(record.value() instanceof CheckoutRequested checkout)) {
                throw new UnprocessableCheckoutException("not a CheckoutRequested: "
                        + (record.value() == null ? "null" : record.value().getClass().getSimpleName()));
            }
            return workflow.handle(record.partition(), checkout);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
