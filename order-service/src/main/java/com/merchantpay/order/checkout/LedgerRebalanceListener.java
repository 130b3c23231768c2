package com.merchantpay.order.checkout;

import com.merchantpay.order.ledger.LedgerLoader;
import com.merchantpay.order.ledger.OrderLedger;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the ledger in step with partition ownership. On assignment the partition's decisions are
 * read up to the end before its first checkout is handed out (the callback runs inside poll). On
 * revocation the partition's in-flight work is given time to finish before the container commits,
 * so the next owner finds those decisions on the topic.
 */
@Component
public class LedgerRebalanceListener implements ConsumerAwareRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(LedgerRebalanceListener.class);

    private final LedgerLoader loader;
    private final OrderLedger ledger;
    private final OrderGuard guard;
    private final PartitionLeases leases;
    private final OrderEventPublisher publisher;
    private final CheckoutProperties properties;

    public LedgerRebalanceListener(LedgerLoader loader, OrderLedger ledger, OrderGuard guard, PartitionLeases leases,
                                   OrderEventPublisher publisher, CheckoutProperties properties) {
        this.loader = loader;
        this.ledger = ledger;
        this.guard = guard;
        this.leases = leases;
        this.publisher = publisher;
        this.properties = properties;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        loader.load(numbers(partitions));
        numbers(partitions).forEach(leases::acquire);
    }

    /**
     * Gives the partitions' work time to finish, then takes the lease away from what is left (it is
     * cancelled, and can no longer publish) and flushes the producer, so that every decision this
     * instance made for them is on the broker before the next owner reads it.
     */
    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        List<Integer> numbers = numbers(partitions);
        if (!guard.awaitDrained(numbers, properties.drainTimeout())) {
            log.warn("work of partitions {} still in flight after {}: cancelled, the next owner redoes it",
                    numbers, properties.drainTimeout());
        }
        leases.release(numbers);
        publisher.flush();
    }

    @Override
    public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        numbers(partitions).forEach(ledger::forget);
    }

    /** Someone else may own them already: stop deciding for them at once. */
    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        leases.release(numbers(partitions));
        publisher.flush();
        numbers(partitions).forEach(ledger::forget);
    }

    private static List<Integer> numbers(Collection<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).toList();
    }
}
