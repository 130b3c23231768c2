package com.merchantpay.e2e.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.e2e.support.OpsTool;
import com.merchantpay.e2e.support.OrderEvent;
import com.merchantpay.e2e.support.RunningStack;
import com.merchantpay.localstack.service.ServiceCatalogue;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.testsupport.SandboxAdmin;
import com.merchantpay.testsupport.SandboxAdmin.PspOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chaos run against the running stack: sandbox notification faults on, traffic flowing, the
 * process faults in turn, then settling (measured from the end of the last fault), then the
 * operator's replay of every input topic, then the verdict against the sandbox's records.
 */
final class ChaosRun {

    /**
     * Topics the services consume: order-service (checkouts, the ledger's approvals), notify-service's outcome
     * processor and refund ledger, the reconciler, the gateway's view.
     */
    static final List<String> INPUT_TOPICS = List.of(PaymentTopics.CHECKOUTS.name(), PaymentTopics.ORDERS.name(),
            PaymentTopics.PSP_FINDINGS.name(), PaymentTopics.PSP_QUERIES.name(), PaymentTopics.REFUND_REQUESTS.name(),
            PaymentTopics.REFUNDS.name(), PaymentTopics.OUTCOMES.name());

    /** gateway.checkout.verdict-wait as the stack runs the gateway (its application.yml default; the catalogue keeps it). */
    static final Duration GATEWAY_VERDICT_WAIT = Duration.ofSeconds(5);
    /** Beyond the gateway's wait and order-service's restart: a broker restart and a busy two-core machine. */
    static final Duration CREATING_MARGIN = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(ChaosRun.class);
    /** Three buckets either side of a broker outage: enough to see the rate it left and the rate it came back to. */
    private static final Duration DIP_MARGIN = CheckoutBuckets.LENGTH.multipliedBy(3);

    /**
     * Everything one run measured.
     *
     * @param stillCreating        orders whose status never left CREATING within the driver's patience
     * @param driverFailures       orders the driver itself failed on (exception or failed expectation)
     * @param longestCreating      per partition of the order topics, the longest any checkout of it was CREATING
     * @param orderServiceRestart  how long order-service took from its kill to ready again
     * @param refundsSettled       from the end of the replay's absorption until every refund came to rest
     * @param paidAfterCloseWindows how many times the sandbox's paid-after-close switch was turned on
     * @param brokerDips           on three brokers, each broker lost and the checkouts answered around it (none on one)
     * @param paidWhileBrokerDown  orders checked out and paid by the user while a broker was down
     */
    record Result(ChaosPlan plan, Instant began, Instant ended, List<FaultSchedule.Fault> faults,
                  int checkoutsStarted, int checkoutsAnswered, int checkoutsUnanswered, int arrivalsSkipped,
                  int checkoutRetries, List<String> stillCreating, List<String> driverFailures,
                  Map<Integer, Duration> longestCreating, Duration orderServiceRestart, int rejectedAtCheckout,
                  Optional<Duration> paidSettled, Optional<Duration> allSettled, List<OperatorReplay.Report> replay,
                  Duration replayTook, Duration replayAbsorbed, Optional<Duration> refundsSettled,
                  int paidAfterCloseWindows, OperatorRefunds.Report operator, ChaosVerdict.Figures figures,
                  RefundVerdict.Figures refunds, List<String> violations, String machineLoad,
                  List<BrokerOutage.Dip> brokerDips, int paidWhileBrokerDown) {

        /**
         * How long a checkout may stay CREATING under this run's faults: the gateway's verdict wait, plus
         * order-service's measured restart (it was killed while deciding), plus {@link #CREATING_MARGIN}.
         */
        Duration creatingBound() {
            return GATEWAY_VERDICT_WAIT.plus(orderServiceRestart).plus(CREATING_MARGIN);
        }

        /** What every chaos run must show besides the verdict: the driver judged every order and none hung. */
        void assertEveryCheckoutAnsweredAndDecided() {
            assertThat(driverFailures).as("orders the driver itself failed on").isEmpty();
            assertThat(checkoutsUnanswered).as("checkouts never answered through the faults").isZero();
            assertThat(stillCreating).as("orders whose status never left CREATING").isEmpty();
            assertThat(operator.failures()).as("refund cases the operator's driver itself failed on").isEmpty();
            assertThat(longestCreating)
                    .as("longest CREATING per partition (bound %s: verdict wait + order-service restart + margin)", creatingBound())
                    .hasSize(PaymentTopics.ORDER_PARTITIONS)
                    .allSatisfy((partition, longest) -> assertThat(longest)
                            .as("partition %d", partition).isPositive().isLessThanOrEqualTo(creatingBound()));
        }
    }

    private final RunningStack stack;
    private final ChaosPlan plan;
    private final SandboxAdmin sandbox;

    ChaosRun(RunningStack stack, ChaosPlan plan) {
        this.stack = stack;
        this.plan = plan;
        this.sandbox = stack.sandbox();
    }

    Result execute() {
        log.info("chaos {}: seed {} (replay the traffic with -Dchaos.seed={})", plan.label(), plan.seed(), plan.seed());
        try (DeadLetters deadLetters = new DeadLetters(stack.localStack().bootstrapServers())) {
            return faultsTrafficReplayAndVerdict(deadLetters);
        } finally {
            // The sandbox's switches are global: whatever happens here, the next test meets a well-behaved UseePay.
            sandbox.clearFaults();
        }
    }

    private Result faultsTrafficReplayAndVerdict(DeadLetters deadLetters) {
        String loadBefore = MachineLoad.now();
        Instant began = Instant.now();
        ChaosOrders orders = new ChaosOrders();
        sandbox.faults(plan.sandboxFaults());
        List<FaultSchedule.Fault> faults;
        List<BrokerOutage> outages;
        Optional<Duration> paidSettled;
        int windows;
        String bootstrapServers = stack.localStack().bootstrapServers();
        String registryUrl = stack.localStack().registryUrl();
        try (ChaosTraffic traffic = new ChaosTraffic(plan, orders, sandbox);
             PaidAfterCloseWindows paidAfterClose = new PaidAfterCloseWindows(plan, sandbox);
             OperatorRefunds operator = new OperatorRefunds(plan, orders, sandbox, new OpsTool(bootstrapServers, registryUrl),
                     new RefundRequestWriter(bootstrapServers, registryUrl))) {
            traffic.start(stack.miniProgram());
            paidAfterClose.start();
            // Refunds are asked for while the services are killed one after the other and the broker restarts.
            operator.start();
            FaultSchedule schedule = new FaultSchedule(stack.localStack(), plan, orders);
            faults = schedule.run();
            outages = schedule.outages();
            // While traffic still flows: how long until every order that existed when the last fault ended has settled.
            paidSettled = settle(began, faults.getLast().recovered(), faults.getLast().recovered(), true);
            await("at least " + plan.minimumOrders() + " checkouts started").atMost(Duration.ofMinutes(30))
                    .pollInterval(Duration.ofMillis(250)).until(() -> orders.startedCount() >= plan.minimumOrders());
            traffic.stop();
            Instant trafficOver = Instant.now();
            paidAfterClose.stop();
            operator.stop();
            windows = paidAfterClose.opened().size();
            log.info("chaos {}: traffic stopped after {} checkouts; settling", plan.label(), orders.startedCount());

            Optional<Duration> allSettled = settle(began, Instant.MAX, trafficOver, false);
            sandbox.clearFaults();

            // And while the operator replays every input topic, refunds included, more refunds are asked for.
            Instant replayBegan = Instant.now();
            operator.start();
            List<OperatorReplay.Report> replay = new OperatorReplay(bootstrapServers, registryUrl)
                    .replayInFull(INPUT_TOPICS, PaymentTopics.ORDER_PARTITIONS);
            Duration replayTook = Duration.between(replayBegan, Instant.now());
            operator.stop();
            // Every reader has consumed the copies, and whatever it wrote because of them has been consumed too.
            int rounds = stack.consumerGroups().awaitQuiescent(INPUT_TOPICS, Duration.ofMinutes(5));
            Duration replayAbsorbed = Duration.between(replayBegan, Instant.now());
            log.info("chaos {}: replay copied and consumed in {} ms ({} rounds of catching up)", plan.label(),
                    replayAbsorbed.toMillis(), rounds);
            return verdict(began, orders, faults, outages, paidSettled, allSettled, replay, replayTook, replayAbsorbed, windows,
                    operator.report(), deadLetters, loadBefore);
        }
    }

    private Result verdict(Instant began, ChaosOrders orders, List<FaultSchedule.Fault> faults, List<BrokerOutage> outages,
                           Optional<Duration> paidSettled,
                           Optional<Duration> allSettled, List<OperatorReplay.Report> replay, Duration replayTook,
                           Duration replayAbsorbed, int windows, OperatorRefunds.Report operator, DeadLetters deadLetters,
                           String loadBefore) {
        Map<String, PspOrder> pspOrders = pspOrders().entrySet().stream()
                .filter(entry -> !entry.getValue().createdAt().isBefore(began))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Set<String> ours = new TreeSet<>(orders.byOrderNo().keySet());
        ours.addAll(pspOrders.keySet());
        // UseePay settles refunds on its own clock and notifies: wait until each has its outcome, then until every reader caught up.
        Optional<Duration> refundsSettled = settleRefunds(new RefundsSettled(stack, ours));
        stack.consumerGroups().awaitQuiescent(INPUT_TOPICS, Duration.ofMinutes(5));

        Set<String> paidAfterClose = pspOrders.values().stream()
                .filter(order -> order.paid() && !orders.paidByUser(order.orderNo())).map(PspOrder::orderNo)
                .collect(Collectors.toCollection(TreeSet::new));
        Map<String, SandboxAdmin.Counters> counters = sandbox.allCounters();
        List<OrderEvent> outcomes = stack.readAll(PaymentTopics.OUTCOMES.name());
        ChaosVerdict verdict = new ChaosVerdict(pspOrders, counters, outcomes,
                stack.readAll(PaymentTopics.ORDERS.name()),
                stack.readAll(PaymentTopics.PSP_FINDINGS.name(), PaymentTopics.PSP_QUERIES.name()),
                deadLetters.since(), orders.byOrderNo().keySet(), paidAfterClose);
        RefundVerdict refunds = new RefundVerdict(ours, pspOrders, counters, sandbox.refunds(), outcomes,
                stack.readAll(PaymentTopics.REFUNDS.name()), stack.readAll(PaymentTopics.REFUND_REQUESTS.name()),
                paidAfterClose, operator);
        List<String> violations = new ArrayList<>(verdict.violations());
        violations.addAll(refunds.violations());
        int rejected = (int) orders.byOrderNo().values().stream().filter(order -> order.checkoutStatus() == 422).count();
        Duration orderServiceRestart = faults.stream().filter(fault -> fault.what().endsWith(ServiceCatalogue.ORDER_SERVICE))
                .map(FaultSchedule.Fault::outage).findFirst().orElseThrow();
        return new Result(plan, began, Instant.now(), faults, orders.startedCount(), orders.answeredCount(),
                orders.unansweredCount(), orders.skippedCount(), orders.retryCount(), orders.stillCreating(),
                orders.driverFailures(), longestCreating(orders), orderServiceRestart, rejected, paidSettled, allSettled,
                replay, replayTook, replayAbsorbed, refundsSettled, windows, operator, verdict.figures(), refunds.figures(),
                violations, loadBefore + " before, " + MachineLoad.now() + " after", dips(outages, orders),
                (int) orders.byOrderNo().values().stream().filter(ChaosOrders.Placed::paidByUser)
                        .filter(order -> outages.stream().anyMatch(outage -> outage.down(order.checkoutAnsweredAt()))).count());
    }

    /** Each broker outage with the checkouts answered from {@link #DIP_MARGIN} before the kill until as long after every replica was in sync. */
    private static List<BrokerOutage.Dip> dips(List<BrokerOutage> outages, ChaosOrders orders) {
        List<ChaosOrders.Placed> placed = List.copyOf(orders.byOrderNo().values());
        return outages.stream().map(outage -> new BrokerOutage.Dip(outage, CheckoutBuckets.around(outage.killedAt(), placed,
                outage.killedAt().minus(DIP_MARGIN), outage.inSyncAt().plus(DIP_MARGIN)))).toList();
    }

    /** How long until every refund of the run came to rest; empty if not within the plan's limit (the verdict says which). */
    private Optional<Duration> settleRefunds(RefundsSettled refunds) {
        Instant from = Instant.now();
        try {
            await("chaos refunds at rest").atMost(plan.settleLimit()).pollInterval(Duration.ofSeconds(1))
                    .until(() -> refunds.unsettled().isEmpty());
            return Optional.of(Duration.between(from, Instant.now()));
        } catch (ConditionTimeoutException e) {
            log.error("chaos {}: refunds not at rest within {}: {}", plan.label(), plan.settleLimit(), refunds.unsettled());
            return Optional.empty();
        }
    }

    /** UseePay's orders by order number; two for one number would break UseePay's own rule. */
    private Map<String, PspOrder> pspOrders() {
        Map<String, PspOrder> byNumber = new LinkedHashMap<>();
        for (PspOrder order : sandbox.orders()) {
            if (byNumber.put(order.orderNo(), order) != null) {
                throw new AssertionError("The sandbox lists two UseePay orders for " + order.orderNo());
            }
        }
        return byNumber;
    }

    /** Per partition of the order topics (every partition appears), the longest a checkout of it stayed CREATING. */
    private static Map<Integer, Duration> longestCreating(ChaosOrders orders) {
        Map<Integer, Duration> longest = new TreeMap<>();
        for (int partition = 0; partition < PaymentTopics.ORDER_PARTITIONS; partition++) {
            longest.put(partition, Duration.ZERO);
        }
        orders.byOrderNo().values().forEach(order -> longest.merge(RunningStack.partitionOf(order.orderNo()), order.creating(),
                (a, b) -> a.compareTo(b) >= 0 ? a : b));
        return longest;
    }

    /**
     * Waits until every UseePay order of the run created before {@code createdBefore} is final and has
     * the matching outcome (only the paid ones with {@code paidOnly}); returns the time since
     * {@code from}, zero if it was already so, empty if it did not happen within the plan's limit.
     */
    private Optional<Duration> settle(Instant began, Instant createdBefore, Instant from, boolean paidOnly) {
        try {
            await("chaos orders settled" + (paidOnly ? " (paid)" : "")).atMost(plan.settleLimit())
                    .pollInterval(Duration.ofSeconds(1)).until(() -> unsettled(began, createdBefore, paidOnly).isEmpty());
            Duration took = Duration.between(from, Instant.now());
            return Optional.of(took.isNegative() ? Duration.ZERO : took);
        } catch (ConditionTimeoutException e) {
            log.error("chaos {}: not settled within {}: {}", plan.label(), plan.settleLimit(), unsettled(began, createdBefore, paidOnly));
            return Optional.empty();
        }
    }

    private Set<String> unsettled(Instant began, Instant createdBefore, boolean paidOnly) {
        Map<String, Set<String>> expected = pspOrders().values().stream()
                .filter(order -> !order.createdAt().isBefore(began) && order.createdAt().isBefore(createdBefore))
                .filter(order -> paidOnly ? order.paid() : true)
                .collect(Collectors.toMap(PspOrder::orderNo, order -> switch (order.status()) {
                    // Paid after it closed: the workflow heard of the close first (RefundRequired) or never did.
                    case "succeed" -> Set.of("PaymentSucceeded", "RefundRequired");
                    case "failed" -> Set.of("PaymentFailed");
                    case "closed" -> Set.of("OrderClosed");
                    default -> Set.of("(still open at UseePay)");
                }));
        Set<String> decided = new HashSet<>();
        for (OrderEvent event : stack.readAll(PaymentTopics.OUTCOMES.name())) {
            if (expected.getOrDefault(event.key(), Set.of()).contains(event.simpleType())) {
                decided.add(event.key());
            }
        }
        Set<String> missing = new HashSet<>(expected.keySet());
        missing.removeAll(decided);
        return missing;
    }
}
