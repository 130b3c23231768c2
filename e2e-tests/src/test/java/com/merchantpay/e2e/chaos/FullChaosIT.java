package com.merchantpay.e2e.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.e2e.support.KafkaNodes;
import com.merchantpay.e2e.support.RunningStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The published chaos run: at least 1,000 paid orders under the same faults as {@link ShortChaosIT}.
 * Tagged {@code benchmark} (left out of every default run); run with {@code bin/chaos}, which writes
 * {@code docs/chaos-<date>.md} and refreshes {@code docs/chaos.md}.
 *
 * <p>{@code bin/chaos --brokers 3} ({@code -Dchaos.brokers=3}) runs it on a three-broker stack, where the
 * broker restart becomes two broker losses (kill -9 of the leader of most order partitions, later of
 * another node, each restored; see {@link FaultSchedule}); it writes {@code docs/chaos-full-3-brokers-<date>.md}
 * and a PNG of the dip around each kill, and leaves chaos.md's header (the one-broker run's) alone.
 */
@Tag("benchmark")
class FullChaosIT {

    private static final Logger log = LoggerFactory.getLogger(FullChaosIT.class);
    private static final int BROKERS = Integer.getInteger("chaos.brokers", 1);

    private static RunningStack stack;

    // Its own stack, not WorkflowStack's: the broker count is this run's choice, and bin/chaos runs nothing else in the JVM.
    @BeforeAll
    static void startStack() {
        stack = BROKERS == 1 ? RunningStack.start()
                : RunningStack.startOwn("brokers-" + BROKERS, RunningStack.defaultOptions().withBrokers(BROKERS));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aThousandPaidOrdersThroughEveryFaultEachEndWithExactlyOnePaymentSucceeded() {
        ChaosPlan plan = BROKERS == 1 ? ChaosPlan.fullRun() : ChaosPlan.fullRun().withLabel("full-" + BROKERS + "-brokers");
        ChaosRun.Result run = new ChaosRun(stack, plan).execute();
        ChaosSummary summary = new ChaosSummary(run, "bin/chaos" + (BROKERS == 1 ? "" : " --brokers " + BROKERS)
                + "   # = ./mvnw -B -ntp verify -pl e2e-tests -am -Pbenchmark "
                + "-Dit.test=FullChaosIT -De2e.report.dir=$PWD/docs -Dchaos.orders=" + plan.minimumOrders()
                + " -Dchaos.rate=" + plan.ordersPerSecond() + (BROKERS == 1 ? "" : " -Dchaos.brokers=" + BROKERS));
        // The header of chaos.md names the latest one-broker run; a cluster run goes beside it.
        log.info("\n{}summary: {}", summary.counts(), summary.write(BROKERS == 1));

        assertThat(run.violations()).as("invariant violations").isEmpty();
        run.assertEveryCheckoutAnsweredAndDecided();
        assertThat(run.figures().paid()).as("paid orders").isGreaterThanOrEqualTo(Integer.getInteger("chaos.min-paid", 1_000));
        assertThat(run.allSettled()).as("every order settled after the last fault").isPresent();
        assertThat(run.refundsSettled()).as("every refund came to rest").isPresent();
        assertThat(run.refunds().paidAfterCloseRefunded()).as("orders paid after close and refunded in full").isPositive();
        assertThat(run.refunds().madeForOperators()).as("operator refunds made at UseePay").isPositive();
        assertThat(run.refunds().refused()).as("requests the ledger refused").isPositive();
        if (BROKERS > 1) {
            assertBrokersWereLost(run);
        }
    }

    /** Zero violations on the cluster mean something only if two different nodes went, each a leader, with traffic paid meanwhile. */
    private static void assertBrokersWereLost(ChaosRun.Result run) {
        assertThat(run.brokerDips()).as("broker outages").hasSize(2);
        BrokerOutage first = run.brokerDips().getFirst().outage();
        BrokerOutage second = run.brokerDips().getLast().outage();
        assertThat(second.victim()).as("the second broker killed").isNotEqualTo(first.victim());
        assertThat(first.victimLed()).as("order partitions the first killed broker led").isPositive();
        assertThat(second.killedAt()).as("second kill after the first node was back in sync").isAfter(first.inSyncAt());
        assertThat(run.paidWhileBrokerDown()).as("orders checked out and paid while a broker was down").isPositive();
        assertThat(stack.kafkaNodes().replicationOfEveryTopic()).as("replication of every topic")
                .allSatisfy((topic, replication) -> assertThat(replication).as(topic).isEqualTo(new KafkaNodes.Replication(3, 2)));
    }
}
