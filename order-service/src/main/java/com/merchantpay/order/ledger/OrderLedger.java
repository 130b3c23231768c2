package com.merchantpay.order.ledger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Which order numbers already have their decision ({@code OrderCreated} or {@code OrderRejected})
 * on {@code payments.orders.v1}, for the partitions this instance owns.
 *
 * <p>Checkouts and orders are co-partitioned (same key, same partition count, and we publish each
 * decision to the partition number its checkout came from), so the decisions of a checkout partition
 * are exactly one orders partition. A partition's view is {@link #replace loaded} from the topic when
 * the partition is assigned, before any of its checkouts is processed, and updated
 * {@link #record write-through} when this instance publishes. The topic is the state; this is a
 * cache of it that a restart rebuilds, never forgets.
 */
@Component
public class OrderLedger {

    private final Map<Integer, Set<String>> decidedByPartition = new ConcurrentHashMap<>();

    public OrderLedger(MeterRegistry meters) {
        Gauge.builder("order.ledger.size", decidedByPartition,
                        partitions -> partitions.values().stream().mapToInt(Set::size).sum())
                .description("order numbers with a published decision, over the owned partitions")
                .register(meters);
    }

    /** Whether the order's decision is already on the topic. An unowned partition knows nothing. */
    public boolean isDecided(int partition, String orderNo) {
        Set<String> decided = decidedByPartition.get(partition);
        return decided != null && decided.contains(orderNo);
    }

    /** Called once the decision's send completed (acks=all): from now on it is durable. */
    public void record(int partition, String orderNo) {
        decidedByPartition.computeIfAbsent(partition, p -> ConcurrentHashMap.newKeySet()).add(orderNo);
    }

    /** Installs a partition's view as read from the topic. */
    public void replace(int partition, Set<String> decided) {
        Set<String> view = ConcurrentHashMap.newKeySet(Math.max(16, decided.size()));
        view.addAll(decided);
        decidedByPartition.put(partition, view);
    }

    /** The partition went to another instance; its view would go stale here. */
    public void forget(int partition) {
        decidedByPartition.remove(partition);
    }
}
