package com.merchantpay.reconciliation.query;

import java.util.function.Consumer;

/**
 * One query to make: which order, which attempt of its schedule, and where the answer goes.
 *
 * @param replyTo the mailbox of the tracker that asked; it applies the answer on its own thread
 */
public record QueryJob(String orderNo, String traceId, int attempt, Consumer<QueryReport> replyTo) {
}
