package com.merchantpay.e2e.chaos;

import static org.awaitility.Awaitility.await;

import com.merchantpay.e2e.chaos.ChaosOrders.Intent;
import com.merchantpay.e2e.support.JsonHttp;
import com.merchantpay.e2e.support.MiniProgram;
import com.merchantpay.e2e.support.Shopper;
import com.merchantpay.e2e.support.Shopper.Item;
import com.merchantpay.testsupport.SandboxAdmin;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Virtual Mini Program users checking out at a steady arrival rate (open loop), each order then
 * paid, failed or left in WeChat through the sandbox. A checkout that meets a crashed service or a
 * restarting broker is retried with the same {@code Idempotency-Key}, as the Mini Program would;
 * a 202 is followed by the status long-poll. Runs until {@link #stop()}.
 *
 * <p>What each order does (intent, product, quantity, shopper) follows from the plan's seed and the
 * order's sequence number alone, so a run can be replayed with {@code -Dchaos.seed}; the timing of
 * arrivals against faults, and the sandbox's own draws for dropped and duplicated notifications, are
 * not part of it. A failure of the driver itself (an exception, a failed expectation) is recorded per
 * order, never swallowed: the run's verdict fails on it.
 */
final class ChaosTraffic implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChaosTraffic.class);
    private static final Set<String> FINAL_STATES = Set.of("REJECTED", "PAID", "FAILED", "CLOSED");
    private static final List<String> PRODUCTS = List.of("green-tea", "milk-tea", "egg-tart");
    /** How long one checkout keeps retrying through an outage before it counts as unanswered. */
    private static final Duration CHECKOUT_PATIENCE = Duration.ofSeconds(120);
    /** How long a 202's long-poll may wait for the order to leave CREATING before it counts as stuck. */
    private static final Duration CREATING_PATIENCE = Duration.ofMinutes(5);

    private final ChaosPlan plan;
    private final ChaosOrders orders;
    private final SandboxAdmin sandbox;
    private final List<Shopper> shoppers = new ArrayList<>();
    private final Semaphore inFlight;
    private final ScheduledExecutorService arrivals = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("chaos-arrivals").daemon().factory());
    private final ExecutorService users = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("chaos-user-", 0).factory());
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private volatile boolean stopping;

    ChaosTraffic(ChaosPlan plan, ChaosOrders orders, SandboxAdmin sandbox) {
        this.plan = plan;
        this.orders = orders;
        this.sandbox = sandbox;
        this.inFlight = new Semaphore(plan.maxInFlight());
    }

    /** Logs every shopper in (before any fault), then starts the arrivals. */
    void start(MiniProgram miniProgram) {
        for (int i = 0; i < plan.shoppers(); i++) {
            shoppers.add(miniProgram.logIn("o-chaos-" + runId + "-" + i));
        }
        long periodMicros = Math.round(1_000_000 / plan.ordersPerSecond());
        arrivals.scheduleAtFixedRate(this::arrive, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    /** Stops arrivals and waits for the checkouts in progress to finish (each is bounded by its patience). */
    void stop() {
        stopping = true;
        arrivals.shutdown();
        await("chaos checkouts in progress").atMost(CHECKOUT_PATIENCE.plus(CREATING_PATIENCE).plusMinutes(1))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> inFlight.availablePermits() == plan.maxInFlight());
    }

    private void arrive() {
        if (stopping) {
            return;
        }
        if (!inFlight.tryAcquire()) {
            orders.skipped();
            return;
        }
        int sequence = orders.started();
        users.submit(() -> {
            try {
                checkOutAndAct(sequence);
            } catch (RuntimeException | AssertionError e) {
                log.warn("chaos order {} failed in the driver", sequence, e);
                orders.driverFailed(sequence, e);
            } finally {
                inFlight.release();
            }
        });
    }

    private void checkOutAndAct(int sequence) {
        // Every draw of this order comes from the run's seed and its sequence number, in a fixed order.
        Random draws = new Random(plan.seed() ^ (sequence * 0x9E3779B97F4A7C15L));
        Shopper shopper = shoppers.get(sequence % shoppers.size());
        Intent intent = pickIntent(draws.nextDouble());
        String productId = PRODUCTS.get(draws.nextInt(PRODUCTS.size()));
        int quantity = 1 + draws.nextInt(3);
        Item item = intent == Intent.REJECT ? new Item("no-such-product", 1) : new Item(productId, quantity);
        String key = "chaos-" + UUID.randomUUID();
        AtomicReference<JsonHttp.Reply> answer = new AtomicReference<>();
        AtomicReference<Instant> answeredAttemptBegan = new AtomicReference<>();
        Instant arrivedAt = Instant.now();
        try {
            await("checkout " + key).atMost(CHECKOUT_PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        Instant began = Instant.now();
                        JsonHttp.Reply reply = attempt(shopper, key, item);
                        answer.set(reply);
                        answeredAttemptBegan.set(began);
                        return reply != null && (reply.status() == 201 || reply.status() == 202 || reply.status() == 422);
                    });
        } catch (ConditionTimeoutException e) {
            orders.unanswered();
            return;
        }
        Instant checkoutAnsweredAt = Instant.now();
        JsonHttp.Reply reply = answer.get();
        String orderNo = reply.body().path("orderNo").asString();
        if (orderNo.isBlank()) {
            throw new AssertionError("checkout answered " + reply.status() + " without an order number: " + reply.body());
        }
        String state = reply.status() == 202 ? awaitLeavingCreating(shopper, orderNo) : reply.body().path("state").asString();
        Duration creating = Duration.between(answeredAttemptBegan.get(), Instant.now());
        if (!"AWAITING_PAYMENT".equals(state)) {
            orders.placed(new ChaosOrders.Placed(orderNo, intent, reply.status(), Instant.now(), creating, 0,
                    arrivedAt, checkoutAnsweredAt));
            return;
        }
        int move = switch (intent) {
            case PAY -> sandbox.pay(orderNo);
            case FAIL -> sandbox.fail(orderNo);
            case LEAVE, REJECT -> 0;
        };
        orders.placed(new ChaosOrders.Placed(orderNo, intent, reply.status(), Instant.now(), creating, move,
                arrivedAt, checkoutAnsweredAt));
    }

    /** One checkout call; a 5xx, 429 or a transport failure is retried by the caller with the same key. */
    private JsonHttp.Reply attempt(Shopper shopper, String key, Item item) {
        try {
            JsonHttp.Reply reply = shopper.checkOut(key, null, item);
            if (reply.status() >= 500 || reply.status() == 429) {
                orders.retried();
            }
            return reply;
        } catch (RuntimeException e) {
            orders.retried();
            return null;
        }
    }

    /** The 202 path of the Mini Program: long-poll the status until it leaves CREATING. */
    private String awaitLeavingCreating(Shopper shopper, String orderNo) {
        AtomicReference<String> state = new AtomicReference<>("CREATING");
        try {
            await("order " + orderNo + " leaves CREATING").atMost(CREATING_PATIENCE).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> {
                        JsonHttp.Reply reply = shopper.status(orderNo, state.get(), 20);
                        if (reply.status() == 200) {
                            state.set(reply.body().path("state").asString());
                        }
                        return !"CREATING".equals(state.get());
                    });
        } catch (ConditionTimeoutException e) {
            orders.stillCreating(orderNo);
        }
        return FINAL_STATES.contains(state.get()) || "AWAITING_PAYMENT".equals(state.get()) ? state.get() : "CREATING";
    }

    private Intent pickIntent(double draw) {
        if (draw < plan.payShare()) {
            return Intent.PAY;
        }
        if (draw < plan.payShare() + plan.failShare()) {
            return Intent.FAIL;
        }
        if (draw < plan.payShare() + plan.failShare() + plan.rejectShare()) {
            return Intent.REJECT;
        }
        return Intent.LEAVE;
    }

    @Override
    public void close() {
        stopping = true;
        arrivals.shutdownNow();
        users.shutdownNow();
    }
}
