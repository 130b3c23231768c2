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
    private final CheckoutProperties properties;

    public LedgerRebalanceListener(LedgerLoader loader, OrderLedger ledger, OrderGuard guard, CheckoutProperties properties) {
        this.loader = loader;
        this.ledger = ledger;
        this.guard = guard;
        this.properties = properties;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        loader.load(numbers(partitions));
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!guard.awaitDrained(numbers(partitions), properties.drainTimeout())) {
            log.warn("work of partitions {} still in flight after {}; the next owner may repeat it (safely)",
                    numbers(partitions), properties.drainTimeout());
        }
    }

    @Override
    public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        numbers(partitions).forEach(ledger::forget);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        numbers(partitions).forEach(ledger::forget);
    }

    private static List<Integer> numbers(Collection<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).toList();
    }
}
