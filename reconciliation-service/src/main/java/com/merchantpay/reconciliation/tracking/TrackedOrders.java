package com.merchantpay.reconciliation.tracking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The two state stores behind the tracker: the orders by number, and an agenda ordered by due
 * time ({@code <15-digit epoch millis>:<orderNo>}) so that finding what is due is a range scan over
 * the due entries, not a scan of every order. Both are changelogged.
 */
final class TrackedOrders {

    static final String ORDERS_STORE = "tracked-orders";
    static final String AGENDA_STORE = "tracked-orders-agenda";

    private final KeyValueStore<String, TrackedOrder> orders;
    private final KeyValueStore<String, String> agenda;

    TrackedOrders(KeyValueStore<String, TrackedOrder> orders, KeyValueStore<String, String> agenda) {
        this.orders = orders;
        this.agenda = agenda;
    }

    TrackedOrder get(String orderNo) {
        return orders.get(orderNo);
    }

    /** Stores {@code after} in place of {@code before} (null when new), moving its agenda entry. */
    void replace(TrackedOrder before, TrackedOrder after) {
        if (before != null) {
            agenda.delete(agendaKey(before.dueAt(), before.orderNo()));
        }
        orders.put(after.orderNo(), after);
        agenda.put(agendaKey(after.dueAt(), after.orderNo()), after.orderNo());
    }

    void forget(TrackedOrder order) {
        agenda.delete(agendaKey(order.dueAt(), order.orderNo()));
        orders.delete(order.orderNo());
    }

    /** Up to {@code limit} orders due at or before {@code now}, earliest first, leaving out {@code skipped} ones. */
    List<TrackedOrder> due(Instant now, int limit, Predicate<TrackedOrder> skipped) {
        List<TrackedOrder> due = new ArrayList<>();
        // ';' sorts right after ':', so the upper bound includes every entry due exactly at now.
        String upTo = String.format("%015d;", now.toEpochMilli());
        try (KeyValueIterator<String, String> entries = agenda.range(null, upTo)) {
            while (entries.hasNext() && due.size() < limit) {
                KeyValue<String, String> entry = entries.next();
                TrackedOrder order = orders.get(entry.value);
                if (order != null && !skipped.test(order)) {
                    due.add(order);
                }
            }
        }
        return due;
    }

    void forEach(Consumer<TrackedOrder> action) {
        try (KeyValueIterator<String, TrackedOrder> all = orders.all()) {
            all.forEachRemaining(entry -> action.accept(entry.value));
        }
    }

    static String agendaKey(Instant due, String orderNo) {
        return String.format("%015d:%s", Math.max(0, due.toEpochMilli()), orderNo);
    }
}
