package com.merchantpay.sandbox.faults;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The switch positions as the admin API reads and writes them. Absent fields mean "off".
 *
 * @param rules                  armed faults; a missing fault never fires
 * @param duplicateCreate        IDEMPOTENT (default) or REJECT
 * @param duplicateRefund        REJECT (default) or IDEMPOTENT (same transactionId, order, amount and currency)
 * @param paidAfterClose         "expire" is followed by a {@code succeed}: the paid-after-close race
 * @param noceStr                spell the nonce key {@code noceStr} in {@code redirectParam}
 * @param saleInQuery            {@code transactionType=sale} inside query's {@code transactionInfo}
 * @param stall                  how long a *_TIMEOUT reply is held (default 30 s)
 * @param notificationMaxDelay   upper bound of NOTIFY_DELAY's random wait (default 2 s)
 * @param addedLatency           extra delay before every pay/query/refund reply; null keeps the configured one
 * @param createdResultCode      what a successful create answers: received (default), pending or succeed
 * @param refundOutcome          how a refund settles on its own: SUCCEED (default) or FAIL
 * @param refundSettleAfter      how long (PSP time, scaled) a refund stays {@code received} before it
 *                               settles on its own (default 10 s)
 */
public record FaultSettings(
        Map<Fault, FaultRule> rules,
        DuplicateCreate duplicateCreate,
        DuplicateRefund duplicateRefund,
        Boolean paidAfterClose,
        Boolean noceStr,
        Boolean saleInQuery,
        Duration stall,
        Duration notificationMaxDelay,
        Duration addedLatency,
        String createdResultCode,
        RefundOutcome refundOutcome,
        Duration refundSettleAfter) {

    public static final Duration DEFAULT_STALL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_NOTIFICATION_MAX_DELAY = Duration.ofSeconds(2);
    public static final Duration DEFAULT_REFUND_SETTLE_AFTER = Duration.ofSeconds(10);

    public FaultSettings {
        rules = rules == null || rules.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(rules));
        duplicateCreate = duplicateCreate == null ? DuplicateCreate.IDEMPOTENT : duplicateCreate;
        duplicateRefund = duplicateRefund == null ? DuplicateRefund.REJECT : duplicateRefund;
        paidAfterClose = Boolean.TRUE.equals(paidAfterClose);
        noceStr = Boolean.TRUE.equals(noceStr);
        saleInQuery = Boolean.TRUE.equals(saleInQuery);
        stall = positiveOr(stall, DEFAULT_STALL);
        notificationMaxDelay = positiveOr(notificationMaxDelay, DEFAULT_NOTIFICATION_MAX_DELAY);
        createdResultCode = createdResultCode == null ? "received" : createdResultCode;
        refundOutcome = refundOutcome == null ? RefundOutcome.SUCCEED : refundOutcome;
        refundSettleAfter = positiveOr(refundSettleAfter, DEFAULT_REFUND_SETTLE_AFTER);
        if (!java.util.Set.of("received", "pending", "succeed").contains(createdResultCode)) {
            throw new IllegalArgumentException("createdResultCode must be received, pending or succeed");
        }
        if (addedLatency != null && addedLatency.isNegative()) {
            throw new IllegalArgumentException("addedLatency must not be negative");
        }
    }

    public static FaultSettings none(Duration configuredLatency) {
        return new FaultSettings(Map.of(), DuplicateCreate.IDEMPOTENT, DuplicateRefund.REJECT, false, false, false, null, null,
                configuredLatency, null, null, null);
    }

    public FaultSettings withAddedLatency(Duration latency) {
        return new FaultSettings(rules, duplicateCreate, duplicateRefund, paidAfterClose, noceStr, saleInQuery, stall,
                notificationMaxDelay, latency, createdResultCode, refundOutcome, refundSettleAfter);
    }

    public FaultSettings withRules(Map<Fault, FaultRule> newRules) {
        return new FaultSettings(newRules, duplicateCreate, duplicateRefund, paidAfterClose, noceStr, saleInQuery, stall,
                notificationMaxDelay, addedLatency, createdResultCode, refundOutcome, refundSettleAfter);
    }

    private static Duration positiveOr(Duration value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        return value;
    }
}
