package com.merchantpay.e2e.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.e2e.support.RunningStack;
import com.merchantpay.e2e.support.WorkflowStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The published chaos run: at least 1,000 paid orders under the same faults as {@link ShortChaosIT}.
 * Tagged {@code benchmark} (left out of every default run); run with {@code bin/chaos}, which writes
 * {@code docs/chaos-<date>.md} and refreshes {@code docs/chaos.md}.
 */
@Tag("benchmark")
@ExtendWith(WorkflowStack.class)
class FullChaosIT {

    private static final Logger log = LoggerFactory.getLogger(FullChaosIT.class);

    private final RunningStack stack;

    FullChaosIT(RunningStack stack) {
        this.stack = stack;
    }

    @Test
    void aThousandPaidOrdersThroughEveryFaultEachEndWithExactlyOnePaymentSucceeded() {
        ChaosPlan plan = ChaosPlan.fullRun();
        ChaosRun.Result run = new ChaosRun(stack, plan).execute();
        ChaosSummary summary = new ChaosSummary(run, "bin/chaos   # = ./mvnw -B -ntp verify -pl e2e-tests -am -Pbenchmark "
                + "-Dit.test=FullChaosIT -De2e.report.dir=$PWD/docs -Dchaos.orders=" + plan.minimumOrders()
                + " -Dchaos.rate=" + plan.ordersPerSecond());
        log.info("\n{}summary: {}", summary.counts(), summary.write(true));

        assertThat(run.violations()).as("invariant violations").isEmpty();
        run.assertEveryCheckoutAnsweredAndDecided();
        assertThat(run.figures().paid()).as("paid orders").isGreaterThanOrEqualTo(Integer.getInteger("chaos.min-paid", 1_000));
        assertThat(run.allSettled()).as("every order settled after the last fault").isPresent();
        assertThat(run.refundsSettled()).as("every refund came to rest").isPresent();
        assertThat(run.refunds().paidAfterCloseRefunded()).as("orders paid after close and refunded in full").isPositive();
        assertThat(run.refunds().madeForOperators()).as("operator refunds made at UseePay").isPositive();
        assertThat(run.refunds().refused()).as("requests the ledger refused").isPositive();
    }
}
