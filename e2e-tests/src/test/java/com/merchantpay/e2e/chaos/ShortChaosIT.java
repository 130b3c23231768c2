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
 * {@code CREATING} in bounded time. Summary in {@code target/reports}; the traffic's seed is printed
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
    }
}
