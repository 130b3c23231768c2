package com.merchantpay.e2e.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.e2e.support.RunningStack;
import com.merchantpay.e2e.support.WorkflowStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chaos run in CI: at least 100 orders under every fault of the full run (kill -9 of three
 * services, a broker restart, 30 % dropped and 20 % duplicated notifications, a full replay of the
 * input topics), checked order by order against the sandbox, with every checkout answered and out of
 * {@code CREATING} in bounded time. Refunds go through the same chaos: orders paid after they closed
 * (a share of the expiries) and an operator's partial, repeated, excessive and racing refunds while
 * the services are killed and while the topics are replayed; money back never exceeds money taken and
 * each refund is made and told exactly once. Summary in {@code target/reports}; the traffic's seed is printed
 * there and in the log ({@code -Dchaos.seed=<n>} replays it).
 */
@ExtendWith(WorkflowStack.class)
class ShortChaosIT {

    private static final Logger log = LoggerFactory.getLogger(ShortChaosIT.class);

    private final RunningStack stack;

    ShortChaosIT(RunningStack stack) {
        this.stack = stack;
    }

    @Test
    void everyPaidOrderEndsWithExactlyOnePaymentSucceededThroughCrashesRestartsLostAndRepeatedNotificationsAndReplay() {
        ChaosRun.Result run = new ChaosRun(stack, ChaosPlan.shortRun()).execute();
        ChaosSummary summary = new ChaosSummary(run, "./mvnw -B -ntp verify -pl e2e-tests -am -Dit.test=ShortChaosIT -Dfailsafe.failIfNoSpecifiedTests=false");
        log.info("\n{}summary: {}", summary.counts(), summary.write(false));

        assertThat(run.violations()).as("invariant violations").isEmpty();
        run.assertEveryCheckoutAnsweredAndDecided();
        assertThat(run.figures().ordersAtUseePay()).as("orders at UseePay").isGreaterThanOrEqualTo(90);
        assertThat(run.checkoutsStarted()).isGreaterThanOrEqualTo(100);
        assertThat(run.figures().paid()).as("paid orders").isGreaterThanOrEqualTo(60);
        assertThat(run.figures().notificationsDropped()).as("the drop fault fired").isPositive();
        assertThat(run.figures().duplicatesSuppressed()).as("duplicates reached the outcome path").isPositive();
        assertThat(run.paidSettled()).as("paid orders settled after the last fault").isPresent();
        assertThat(run.allSettled()).as("every order settled after the last fault").isPresent();
        assertThat(run.figures().outcomeReplayCopies()).as("the replay ran").isPositive();
        assertRefundsWereExercised(run);
    }

    /** Zero violations mean something only if money went back through the faults, both ways, and a request was refused. */
    private static void assertRefundsWereExercised(ChaosRun.Result run) {
        RefundVerdict.Figures refunds = run.refunds();
        assertThat(run.refundsSettled()).as("every refund came to rest").isPresent();
        assertThat(refunds.paidAfterCloseRefunded()).as("orders paid after close and refunded in full").isGreaterThanOrEqualTo(2);
        assertThat(refunds.madeForOperators()).as("operator refunds made at UseePay").isGreaterThanOrEqualTo(4);
        assertThat(refunds.refused()).as("requests the ledger refused").isPositive();
        assertThat(refunds.repeatedRequests()).as("requests repeated with the same refund id").isPositive();
        assertThat(run.operator().casesDone()).as("operator cases of every kind").containsOnlyKeys(OperatorRefunds.Kind.values());
        assertThat(run.operator().mustBeRefused()).as("requests past what was left").isNotEmpty();
        assertThat(refunds.refundSucceededOutcomes()).as("RefundSucceeded written").isEqualTo(refunds.succeededAtUseePay());
    }
}
