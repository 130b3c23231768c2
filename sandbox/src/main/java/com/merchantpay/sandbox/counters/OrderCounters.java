package com.merchantpay.sandbox.counters;

/**
 * What happened to one order or refund number, as a test reads it.
 *
 * @param creates                    valid {@code pay} calls for this number (more than one means
 *                                   the merchant asked twice; the sandbox still holds one order)
 * @param queries                    {@code query} calls naming it
 * @param notificationsSent          HTTP attempts to the notify URL, retries and duplicates included
 * @param notificationsAcknowledged  attempts answered with 200
 * @param notificationsDropped       notifications the NOTIFY_DROP fault swallowed
 * @param forgedNotificationsSent    tampered copies sent by the NOTIFY_BAD_SIGNATURE / WRONG_* faults
 * @param refundCalls                valid {@code refund} calls with this refund number
 * @param refundsMade                refunds actually made under it: 0 or 1, however often it was asked for
 */
public record OrderCounters(
        long creates,
        long queries,
        long notificationsSent,
        long notificationsAcknowledged,
        long notificationsDropped,
        long forgedNotificationsSent,
        long refundCalls,
        long refundsMade) {
}
