package com.merchantpay.order.checkout;

import java.util.TreeSet;

/**
 * The checkouts of one partition that were started and not yet finished, by offset. Work finishes
 * in any order (a slow UseePay call does not hold back the ones behind it), but the consumer may
 * only commit up to the first unfinished one: after a crash everything from there is read again,
 * which the ledger makes harmless. Used by the consumer's thread only.
 */
final class OffsetWindow {

    private final TreeSet<Long> unfinished = new TreeSet<>();
    private long next = -1;

    /** A record was handed out; offsets arrive in increasing order. */
    void started(long offset) {
        unfinished.add(offset);
        next = Math.max(next, offset + 1);
    }

    /** Its work is over (decided, skipped or dead-lettered). */
    void finished(long offset) {
        unfinished.remove(offset);
    }

    /** The offset to commit: the first unfinished one, or the next to read if all are finished; -1 before any record. */
    long committable() {
        return unfinished.isEmpty() ? next : unfinished.first();
    }

    int inFlight() {
        return unfinished.size();
    }
}
