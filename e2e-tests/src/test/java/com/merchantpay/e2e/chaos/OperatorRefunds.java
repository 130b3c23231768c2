package com.merchantpay.e2e.chaos;

import static org.awaitility.Awaitility.await;

import com.merchantpay.e2e.support.OpsTool;
import com.merchantpay.ops.cluster.ExitCode;
import com.merchantpay.schemas.ids.EventIds;
import com.merchantpay.testsupport.SandboxAdmin;
import com.merchantpay.testsupport.SandboxAdmin.PspOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operator at the refund desk while the chaos goes on: every {@link ChaosPlan#operatorEvery()} a
 * case on a fresh order the user paid, through {@code ops refund} as an operator types it (in-process,
 * {@code --wait 0}: the decision is the ledger's, read by the verdict from the topics). The cases turn:
 *
 * <ul>
 *   <li>{@link Kind#PARTIAL}: a quarter of what was paid;</li>
 *   <li>{@link Kind#RETRIED}: a third, then the same command again (an operator unsure it went through),
 *       then the very record the tool wrote re-sent past the tool: one refund id asked three times;</li>
 *   <li>{@link Kind#PAST_REFUNDABLE}: half, then a request for one unit more than what is left, written past
 *       the tool's own check (a stale view, another tool): the ledger must refuse it, UseePay never hear of it;</li>
 *   <li>{@link Kind#RACE}: two operators at once, each three fifths: the ledger approves at most one.</li>
 * </ul>
 *
 * A case that meets a crash or the broker's restart (the tool exits unreachable, or the order's payment
 * is not on record yet) is carried out again later from its first step: every refund id follows from the
 * order, the operator, the amount and the reason, so a repeat asks for the same refunds.
 */
final class OperatorRefunds implements AutoCloseable {

    enum Kind { PARTIAL, RETRIED, PAST_REFUNDABLE, RACE }

    static final String OPERATOR = "chaos-ops";
    /** A paid order is picked once its payment has had a moment to reach the outcomes the tool reads. */
    private static final Duration PAYMENT_ON_RECORD = Duration.ofSeconds(2);
    /** How long the operator keeps at the cases that met a fault once no new case is taken. */
    private static final Duration CARRY_THROUGH = Duration.ofMinutes(3);
    private static final String NO_PAYMENT_YET = "no payment on record";

    private static final Logger log = LoggerFactory.getLogger(OperatorRefunds.class);

    /**
     * One refund id the operator asked for (the first time).
     *
     * @param how  {@code ops refund} or {@code past the tool} (written straight onto the requests topic)
     * @param said what the tool printed, or what was written
     */
    record Ask(Kind kind, String orderNo, String refundId, long amountMinor, String how, String said) {
    }

    /**
     * What the operator did.
     *
     * @param mustBeRefused refund ids asked past what was left: the ledger must refuse each, UseePay never see it
     * @param askedAgain    refund ids the operator asked for more than once
     */
    record Report(Map<Kind, Integer> casesDone, int toolRuns, int refusedByTool, int casesRepeated, int waitedForPayment,
                  List<Ask> asks, Set<String> mustBeRefused, Set<String> askedAgain, List<String> failures) {

        int cases() {
            return casesDone.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private record Case(Kind kind, String orderNo, long paidMinor, String currency) {
    }

    private enum Step { SENT, REFUSED, AGAIN }

    private final ChaosOrders orders;
    private final SandboxAdmin sandbox;
    private final OpsTool tool;
    private final RefundRequestWriter writer;
    private final Duration every;
    private final Set<String> taken = ConcurrentHashMap.newKeySet();
    private final Deque<Case> unfinished = new ConcurrentLinkedDeque<>();
    private final Map<String, Ask> asks = new ConcurrentHashMap<>();
    private final Set<String> mustBeRefused = ConcurrentHashMap.newKeySet();
    private final Set<String> askedAgain = ConcurrentHashMap.newKeySet();
    private final Map<Kind, Integer> casesDone = new ConcurrentHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger toolRuns = new AtomicInteger();
    private final AtomicInteger refusedByTool = new AtomicInteger();
    private final AtomicInteger casesRepeated = new AtomicInteger();
    private final AtomicInteger waitedForPayment = new AtomicInteger();
    private final ExecutorService secondOperator = Executors.newVirtualThreadPerTaskExecutor();
    private int nextKind;
    private ScheduledExecutorService desk;

    OperatorRefunds(ChaosPlan plan, ChaosOrders orders, SandboxAdmin sandbox, OpsTool tool, RefundRequestWriter writer) {
        this.orders = orders;
        this.sandbox = sandbox;
        this.tool = tool;
        this.writer = writer;
        this.every = plan.operatorEvery();
    }

    /** Takes a new case every {@link ChaosPlan#operatorEvery()} (after the one in hand is over) until {@link #stop()}. */
    void start() {
        desk = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("chaos-operator").daemon().factory());
        desk.scheduleWithFixedDelay(this::nextCase, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** No new case; the case in hand and every case that met a fault are carried through (bounded). */
    void stop() {
        desk.shutdown();
        try {
            desk.awaitTermination(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            await("the operator's unfinished refund cases").atMost(CARRY_THROUGH).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofSeconds(1)).until(() -> {
                        Case next = unfinished.pollFirst();
                        if (next != null) {
                            carryOutSafely(next);
                        }
                        return unfinished.isEmpty();
                    });
        } catch (ConditionTimeoutException e) {
            // The run goes on to its verdict (which judges whatever was asked); the case itself fails the run.
            unfinished.forEach(left -> failures.add(left + ": not carried out within " + CARRY_THROUGH));
            unfinished.clear();
        }
    }

    Report report() {
        return new Report(new TreeMap<>(casesDone), toolRuns.get(), refusedByTool.get(), casesRepeated.get(),
                waitedForPayment.get(), List.copyOf(asks.values()), Set.copyOf(mustBeRefused), Set.copyOf(askedAgain),
                List.copyOf(failures));
    }

    private void nextCase() {
        Case again = unfinished.pollFirst();
        if (again != null) {
            carryOutSafely(again);
            return;
        }
        try {
            freshCase().ifPresent(this::carryOutSafely);
        } catch (RuntimeException e) {
            failures.add("picking a paid order: " + e);
        }
    }

    /** The newest order the user paid a moment ago that no case took yet. */
    private Optional<Case> freshCase() {
        Instant paidBefore = Instant.now().minus(PAYMENT_ON_RECORD);
        for (ChaosOrders.Placed order : orders.paidByUser()) {
            if (order.answeredAt().isBefore(paidBefore) && taken.add(order.orderNo())) {
                PspOrder paid = sandbox.order(order.orderNo()).orElseThrow();
                Kind kind = Kind.values()[nextKind++ % Kind.values().length];
                return Optional.of(new Case(kind, order.orderNo(), paid.amountMinor(), paid.currency()));
            }
        }
        return Optional.empty();
    }

    /** A failure of the operator's own code is recorded, never swallowed, and never stops the desk's schedule. */
    private void carryOutSafely(Case next) {
        try {
            carryOut(next);
        } catch (RuntimeException e) {
            log.warn("chaos operator: case {} failed in the driver", next, e);
            failures.add(next + ": " + e);
        }
    }

    private void carryOut(Case next) {
        boolean over = switch (next.kind()) {
            case PARTIAL -> ask(next, OPERATOR, next.paidMinor() / 4, "chaos: partial, goodwill") != Step.AGAIN;
            case RETRIED -> retried(next);
            case PAST_REFUNDABLE -> pastRefundable(next);
            case RACE -> race(next);
        };
        if (over) {
            casesDone.merge(next.kind(), 1, Integer::sum);
        } else {
            casesRepeated.incrementAndGet();
            unfinished.addLast(next);
        }
    }

    private boolean retried(Case next) {
        long amount = next.paidMinor() / 3;
        String reason = "chaos: retried by the operator";
        Step first = ask(next, OPERATOR, amount, reason);
        if (first != Step.SENT) {
            return first == Step.REFUSED;
        }
        // Unsure it went through, the operator runs the same command: the tool finds the request and sends nothing.
        if (ask(next, OPERATOR, amount, reason) == Step.AGAIN) {
            return false;
        }
        // And a script re-sends the very request past the tool: the ledger must decide this refund id once.
        String refundId = refundId(next.orderNo(), OPERATOR, amount, reason);
        if (!writePastTheTool(next, refundId, amount, reason)) {
            return false;
        }
        askedAgain.add(refundId);
        return true;
    }

    private boolean pastRefundable(Case next) {
        long half = next.paidMinor() / 2;
        Step first = ask(next, OPERATOR, half, "chaos: first half");
        if (first != Step.SENT) {
            return first == Step.REFUSED;
        }
        // The half is on the order's partition before this: whatever else happened, one unit more than is left.
        long past = next.paidMinor() - half + 1;
        String reason = "chaos: past what is refundable";
        String refundId = refundId(next.orderNo(), OPERATOR, past, reason);
        if (!writePastTheTool(next, refundId, past, reason)) {
            return false;
        }
        mustBeRefused.add(refundId);
        return true;
    }

    /** Two operators at once on one order, each for three fifths: both may pass the tool's check, not the ledger's. */
    private boolean race(Case next) {
        long amount = next.paidMinor() * 3 / 5;
        String reason = "chaos: two operators at once";
        Future<Step> other = secondOperator.submit(() -> ask(next, OPERATOR + "-b", amount, reason));
        Step mine = ask(next, OPERATOR + "-a", amount, reason);
        try {
            return mine != Step.AGAIN && other.get(2, TimeUnit.MINUTES) != Step.AGAIN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the second operator asked", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the second operator's ops refund failed in the driver", e);
        }
    }

    /** One {@code ops refund ... --yes --wait 0}; a broker or registry away, or no payment on record yet, means later. */
    private Step ask(Case next, String operator, long amount, String reason) {
        OpsTool.Run run = tool.run("refund", next.orderNo(), "--amount", Long.toString(amount), "--reason", reason,
                "--operator", operator, "--yes", "--wait", "0", "--timeout", "10");
        toolRuns.incrementAndGet();
        if (run.exit() == ExitCode.USAGE.code()) {
            throw new IllegalStateException("ops refund refused its arguments: " + run.said());
        }
        String refundId = refundId(next.orderNo(), operator, amount, reason);
        if (run.exit() == ExitCode.OK.code()) {
            asks.putIfAbsent(refundId, new Ask(next.kind(), next.orderNo(), refundId, amount, "ops refund", run.said()));
            return Step.SENT;
        }
        if (run.exit() == ExitCode.REFUSED.code() && !run.said().contains(NO_PAYMENT_YET)) {
            refusedByTool.incrementAndGet();
            asks.putIfAbsent(refundId, new Ask(next.kind(), next.orderNo(), refundId, amount, "ops refund (refused by the tool)",
                    run.said()));
            return Step.REFUSED;
        }
        if (run.exit() == ExitCode.REFUSED.code()) {
            waitedForPayment.incrementAndGet();
        }
        log.info("chaos operator: ops refund {} {} exited {} ({}); again later", next.orderNo(), amount, run.exit(), run.said());
        return Step.AGAIN;
    }

    private boolean writePastTheTool(Case next, String refundId, long amount, String reason) {
        try {
            writer.write(next.orderNo(), refundId, amount, next.currency(), reason, OPERATOR);
        } catch (IllegalStateException e) {
            log.info("chaos operator: {}; again later", e.getMessage());
            return false;
        }
        asks.putIfAbsent(refundId, new Ask(next.kind(), next.orderNo(), refundId, amount, "past the tool",
                "RefundRequested " + amount + " " + next.currency()));
        return true;
    }

    /** Whatever happened, no case is taken any more. */
    @Override
    public void close() {
        if (desk != null) {
            desk.shutdownNow();
        }
        secondOperator.shutdownNow();
    }

    /** The id {@code ops refund} gives a request without {@code --request-id}. */
    static String refundId(String orderNo, String operator, long amount, String reason) {
        return EventIds.refundId(orderNo, "operator:" + operator + "|" + amount + "|" + reason);
    }
}
