package com.merchantpay.e2e.chaos;

import java.security.SecureRandom;
import java.time.Duration;

/**
 * How big and how fast one chaos run is. Shares of the orders: paid by the user, failed in WeChat,
 * rejected at checkout (unknown product); the rest are left unpaid to expire.
 *
 * @param label              names the run in the summary ("short", "full")
 * @param minimumOrders      checkouts to start at least; traffic also keeps flowing until the last fault is over
 * @param ordersPerSecond    checkout arrival rate (open loop: arrivals do not wait for answers)
 * @param shoppers           logged-in Mini Program users the checkouts are spread over
 * @param maxInFlight        checkouts in progress at once; an arrival beyond it is counted as skipped
 * @param ordersBetweenFaults checkouts that must be placed after a restart before the next fault:
 *                           traffic flowing again is what "recovered" means here
 * @param settleLimit        how long everything may take to settle after the last fault
 * @param paidAfterClose     while traffic flows, the sandbox's paid-after-close switch is on for this long out of
 *                           every {@code paidAfterCloseEvery}: every order that expires meanwhile is paid just after it
 *                           closed (the switch is global to the sandbox, so a share of time stands for a share of orders)
 * @param operatorEvery      pause between two of the operator's refund cases (each on a fresh paid order)
 * @param seed               every order's intent, product, quantity and shopper follow from it and the order's
 *                           sequence number ({@code -Dchaos.seed} replays a run's traffic; the summary prints it)
 */
record ChaosPlan(String label, int minimumOrders, double ordersPerSecond, int shoppers, int maxInFlight,
                 int ordersBetweenFaults, double payShare, double failShare, double rejectShare,
                 double notifyDropShare, double notifyDuplicateShare, Duration settleLimit,
                 Duration paidAfterClose, Duration paidAfterCloseEvery, Duration operatorEvery, long seed) {

    /** CI: at least 100 orders, every fault, a few minutes. */
    static ChaosPlan shortRun() {
        return new ChaosPlan("short", 100, 1.5, 12, 64, 12, 0.78, 0.04, 0.03, 0.3, 0.2, Duration.ofMinutes(4),
                Duration.ofSeconds(16), Duration.ofSeconds(24), Duration.ofSeconds(5), seedOfThisRun());
    }

    /**
     * A broker lost under traffic (BrokerLossIT): steady checkouts, duplicated notifications (so "one
     * outcome" is tested) but none dropped, so that a paid order is settled by its acknowledged
     * notification, not rescued by the reconciler. minimumOrders and ordersBetweenFaults are the test's own.
     */
    static ChaosPlan brokerLoss() {
        return new ChaosPlan("broker-loss", 0, 2, 12, 64, 0, 0.8, 0.04, 0.03, 0.0, 0.2, Duration.ofMinutes(3),
                Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(5), seedOfThisRun());
    }

    /** The published run: at least 1,000 paid orders ({@code -Dchaos.orders} overrides the count). */
    static ChaosPlan fullRun() {
        int orders = Integer.getInteger("chaos.orders", 1_350);
        double rate = Double.parseDouble(System.getProperty("chaos.rate", "4"));
        return new ChaosPlan("full", orders, rate, 40, 256, 120, 0.8, 0.04, 0.03, 0.3, 0.2, Duration.ofMinutes(10),
                Duration.ofSeconds(12), Duration.ofSeconds(36), Duration.ofSeconds(4), seedOfThisRun());
    }

    /** The same plan under another name: the summary's file and headings say which stack it ran on. */
    ChaosPlan withLabel(String newLabel) {
        return new ChaosPlan(newLabel, minimumOrders, ordersPerSecond, shoppers, maxInFlight, ordersBetweenFaults, payShare,
                failShare, rejectShare, notifyDropShare, notifyDuplicateShare, settleLimit, paidAfterClose, paidAfterCloseEvery,
                operatorEvery, seed);
    }

    /** {@code -Dchaos.seed} when given (to replay a run), else a fresh one. */
    private static long seedOfThisRun() {
        String given = System.getProperty("chaos.seed");
        return given == null || given.isBlank() ? new SecureRandom().nextLong() : Long.parseLong(given.strip());
    }

    String sandboxFaults() {
        return sandboxFaults(false);
    }

    /** The notification faults, with or without the paid-after-close switch: one PUT replaces every switch. */
    String sandboxFaults(boolean paidAfterClose) {
        return """
                {"rules": {"NOTIFY_DROP": {"share": %s}, "NOTIFY_DUPLICATE": {"share": %s}}, "paidAfterClose": %s}"""
                .formatted(notifyDropShare, notifyDuplicateShare, paidAfterClose);
    }
}
