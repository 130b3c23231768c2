package com.merchantpay.e2e.chaos;

import static org.awaitility.Awaitility.await;

import com.merchantpay.e2e.stack.OrderEvent;
import com.merchantpay.e2e.stack.RunningStack;
import com.merchantpay.localstack.service.ServiceCatalogue;
import com.merchantpay.schemas.topics.PaymentTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chaos run against the running stack: sandbox notification faults on, traffic flowing, the
 * process faults in turn, then settling (measured from the end of the last fault), then the
 * operator's replay of every input topic, then the verdict against the sandbox's records.
 */
final class ChaosRun {

    /** Topics the services consume: order-service, notify-service's outcome processor, the reconciler, the gateway's view. */
    static final List<String> INPUT_TOPICS = List.of(PaymentTopics.CHECKOUTS.name(), PaymentTopics.ORDERS.name(),
            PaymentTopics.PSP_FINDINGS.name(), PaymentTopics.PSP_QUERIES.name(), PaymentTopics.OUTCOMES.name());

    private static final Logger log = LoggerFactory.getLogger(ChaosRun.class);

    /** Everything one run measured. */
    record Result(ChaosPlan plan, Instant began, Instant ended, List<FaultSchedule.Fault> faults,
                  int checkoutsStarted, int checkoutsAnswered, int checkoutsUnanswered, int arrivalsSkipped,
                  int checkoutRetries, int stillCreating, int rejectedAtCheckout, Optional<Duration> paidSettled,
                  Optional<Duration> allSettled, List<OperatorReplay.Report> replay, Duration replayTook,
                  Duration replayAbsorbed, ChaosVerdict.Figures figures, List<String> violations, String machineLoad) {
    }

    private final RunningStack stack;
    private final ChaosPlan plan;
    private final SandboxLedger sandbox;

    ChaosRun(RunningStack stack, ChaosPlan plan) {
        this.stack = stack;
        this.plan = plan;
        this.sandbox = new SandboxLedger(stack.localStack().serviceUrl(ServiceCatalogue.SANDBOX));
    }

    Result execute() {
        try {
            return faultsTrafficReplayAndVerdict();
        } finally {
            // The sandbox's switches are global: whatever happens here, the next test meets a well-behaved UseePay.
            stack.sandbox().clearFaults();
        }
    }

    private Result faultsTrafficReplayAndVerdict() {
        String loadBefore = MachineLoad.now();
        Instant began = Instant.now();
        DeadLetters deadLetters = new DeadLetters(stack.localStack().bootstrapServers());
        Map<TopicPartition, Long> deadLetterMark = deadLetters.mark();
        ChaosOrders orders = new ChaosOrders();
        stack.sandbox().setFaults(plan.sandboxFaults());
        List<FaultSchedule.Fault> faults;
        Optional<Duration> paidSettled;
        try (ChaosTraffic traffic = new ChaosTraffic(plan, orders, sandbox)) {
            traffic.start(stack.miniProgram());
            faults = new FaultSchedule(stack.localStack(), plan, orders).run();
            // While traffic still flows: how long until every order that existed when the last fault ended has settled.
            paidSettled = settle(began, faults.getLast().recovered(), faults.getLast().recovered(), true);
            await("at least " + plan.minimumOrders() + " checkouts started").atMost(Duration.ofMinutes(30))
                    .pollInterval(Duration.ofMillis(250)).until(() -> orders.startedCount() >= plan.minimumOrders());
            traffic.stop();
        }
        Instant trafficOver = Instant.now();
        log.info("chaos {}: traffic stopped after {} checkouts; settling", plan.label(), orders.startedCount());

        Optional<Duration> allSettled = settle(began, Instant.MAX, trafficOver, false);
        stack.sandbox().clearFaults();

        Instant replayBegan = Instant.now();
        List<OperatorReplay.Report> replay = new OperatorReplay(stack.localStack().bootstrapServers(),
                stack.localStack().registryUrl()).replayInFull(INPUT_TOPICS, PaymentTopics.ORDER_PARTITIONS);
        Duration replayTook = Duration.between(replayBegan, Instant.now());
        Map<String, Long> behind = new ConsumerCatchUp(stack.localStack().bootstrapServers()).awaitCaughtUp(INPUT_TOPICS, Duration.ofMinutes(5));
        awaitQuietOutcomes();
        Duration replayAbsorbed = Duration.between(replayBegan, Instant.now());
        log.info("chaos {}: replay copied and consumed in {} ms (groups behind: {})", plan.label(), replayAbsorbed.toMillis(), behind);

        Map<String, SandboxLedger.PspOrder> pspOrders = sandbox.orders().entrySet().stream()
                .filter(entry -> !entry.getValue().createdAt().isBefore(began))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        ChaosVerdict verdict = new ChaosVerdict(pspOrders, sandbox.counters(),
                stack.eventLog().readAll(PaymentTopics.OUTCOMES.name()),
                stack.eventLog().readAll(PaymentTopics.ORDERS.name()),
                java.util.stream.Stream.concat(stack.eventLog().readAll(PaymentTopics.PSP_FINDINGS.name()).stream(),
                        stack.eventLog().readAll(PaymentTopics.PSP_QUERIES.name()).stream()).toList(),
                deadLetters.since(deadLetterMark), orders.byOrderNo().keySet());
        int rejected = (int) orders.byOrderNo().values().stream().filter(order -> order.checkoutStatus() == 422).count();
        return new Result(plan, began, Instant.now(), faults, orders.startedCount(), orders.answeredCount(),
                orders.unansweredCount(), orders.skippedCount(), orders.retryCount(), orders.stillCreatingCount(), rejected,
                paidSettled, allSettled, replay, replayTook, replayAbsorbed, verdict.figures(), verdict.violations(),
                loadBefore + " before, " + MachineLoad.now() + " after");
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
        Map<String, String> expected = sandbox.orders().values().stream()
                .filter(order -> !order.createdAt().isBefore(began) && order.createdAt().isBefore(createdBefore))
                .filter(order -> paidOnly ? order.paid() : true)
                .collect(Collectors.toMap(SandboxLedger.PspOrder::orderNo, order -> switch (order.status()) {
                    case "succeed" -> "PaymentSucceeded";
                    case "failed" -> "PaymentFailed";
                    case "closed" -> "OrderClosed";
                    default -> "(still open at UseePay)";
                }));
        Set<String> decided = new HashSet<>();
        for (OrderEvent event : stack.eventLog().readAll(PaymentTopics.OUTCOMES.name())) {
            if (event.simpleType().equals(expected.get(event.key()))) {
                decided.add(event.key());
            }
        }
        Set<String> missing = new HashSet<>(expected.keySet());
        missing.removeAll(decided);
        return missing;
    }

    /** The outcome topic has stopped growing: the replay's effects (there should be none) have landed. */
    private void awaitQuietOutcomes() {
        ConsumerCatchUp offsets = new ConsumerCatchUp(stack.localStack().bootstrapServers());
        Map<TopicPartition, Long>[] last = new Map[] {offsets.endOffsets(List.of(PaymentTopics.OUTCOMES.name()))};
        await("outcomes quiet").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .during(Duration.ofSeconds(5)).until(() -> {
                    Map<TopicPartition, Long> now = offsets.endOffsets(List.of(PaymentTopics.OUTCOMES.name()));
                    boolean same = now.equals(last[0]);
                    last[0] = now;
                    return same;
                });
    }
}
