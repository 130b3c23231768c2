package com.merchantpay.reconciliation.query;

import java.util.function.Consumer;

/**
 * One query to make: which order (or refund), which attempt of its schedule, and where the answer goes.
 *
 * @param orderNo the transaction to ask about: an order number, or a refund's own id
 * @param refund  whether it is a refund (asked with a refund query)
 * @param replyTo the mailbox of the tracker that asked; it applies the answer on its own thread
 */
public record QueryJob(String orderNo, boolean refund, String traceId, int attempt, Consumer<QueryReport> replyTo) {
}
