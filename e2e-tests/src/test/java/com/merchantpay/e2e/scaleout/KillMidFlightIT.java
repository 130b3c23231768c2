package com.merchantpay.e2e.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.e2e.scaleout.Storefront.Purchase;
import com.merchantpay.e2e.support.OrderEvent;
import com.merchantpay.e2e.support.RunningStack;
import com.merchantpay.e2e.support.Shopper;
import com.merchantpay.localstack.StackOptions;
import com.merchantpay.localstack.service.ServiceCatalogue;
import com.merchantpay.localstack.service.ServiceProcess;
import com.merchantpay.testsupport.SandboxAdmin;
import com.merchantpay.testsupport.SandboxAdmin.Counters;
import com.merchantpay.testsupport.SandboxAdmin.PspOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGKILL in the middle of the two hot paths, one instance per service, then a restart:
 * <ul>
 *   <li>"checkout hot path": order-service dies with well over a hundred checkouts in its in-flight
 *       window (UseePay answering {@code pay} slowly); after the restart every order has exactly one
 *       decision and UseePay holds one order per order number, asked for a second time only after a
 *       query showed it holds the first;</li>
 *   <li>"notification to outcome": notify-service dies while paid orders' notifications stream in;
 *       after the restart every notification UseePay saw acknowledged with 200 (and every other paid
 *       order, through UseePay's resends or the reconciler's query) ends with exactly one
 *       {@code PaymentSucceeded}.</li>
 * </ul>
 * Exactly one is counted on the topics read to their end once every consumer group has committed
 * past everything written ({@link OwnStack#awaitServicesDone}).
 * Its own stack, started before the JVM's shared one ({@code @Order}); the gateway's rate limits are
 * lifted so the bursts reach the services.
 */
@Order(2)
class KillMidFlightIT {

    private static final Logger log = LoggerFactory.getLogger(KillMidFlightIT.class);

    private static final Duration PATIENCE = Duration.ofMinutes(4);
    /**
     * Long enough that the burst piles up in order-service however slowly a busy machine delivers it
     * (at 2 s, arrivals slower than 75/s never reached 150 in flight), and below the services' UseePay
     * response timeout in this stack ({@link #USEEPAY_PATIENCE}), so slow is not unknown.
     */
    private static final String SLOW_PAY = "{\"addedLatency\": \"PT8S\"}";
    private static final String USEEPAY_PATIENCE = "15s";
    private static final int CHECKOUTS_IN_BURST = 400;
    /** order-service's bound is 192 (order.checkout.max-in-flight). */
    private static final int IN_FLIGHT_AT_KILL = 150;
    private static final int ORDERS_TO_PAY = 150;
    /**
     * Of the orders placed, at least this many must await payment: enough for the stream of payments
     * to outlast the kill by far. order-service rejects some (CHECKOUT_FAILED) when UseePay times out
     * on a starved machine: 61 of 150 at a load average of 25 with two stacks running.
     */
    private static final int MIN_ORDERS_TO_PAY = 60;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 20;
    private static final Duration BETWEEN_PAYMENTS = Duration.ofMillis(200);

    /** order-service's order.checkout.max-in-flight. */
    private static final int ORDER_SERVICE_IN_FLIGHT_BOUND = 192;

    private static OwnStack stack;
    private static SandboxAdmin sandbox;

    @BeforeAll
    static void startOneOfEach() {
        // A UseePay minute lasts 6 s: orders stay open 2 minutes, past any restart; resends after 6 s, 18 s, 30 s, ...
        StackOptions options = OwnStack.options().withTimeScale(0.1).withOrderExpiry(Duration.ofMinutes(20));
        for (String service : List.of(ServiceCatalogue.ORDER_SERVICE, ServiceCatalogue.RECONCILIATION_SERVICE)) {
            options = options.withEnvironment(service, ServiceCatalogue.environmentName("useepay.response-timeout"), USEEPAY_PATIENCE);
        }
        stack = OwnStack.start("kill-mid-flight", options);
        sandbox = stack.clients().sandbox();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @AfterEach
    void clearFaultsAndLeaveEveryServiceRunning() {
        sandbox.clearFaults();
        for (String service : List.of(ServiceCatalogue.ORDER_SERVICE, ServiceCatalogue.NOTIFY_SERVICE)) {
            ServiceProcess process = stack.local().service(service);
            if (!process.isRunning()) {
                process.start();
            }
        }
    }

    @Test
    void orderServiceKilledWithHundredsOfCheckoutsInFlightDecidesEachOrderOnceAndPlacesOneUseePayOrderEach() {
        ServiceProcess orderService = stack.local().service(ServiceCatalogue.ORDER_SERVICE);
        List<List<Shopper>> shoppers = shoppers(40);
        Storefront storefront = new Storefront(stack.clients().sandbox(), PATIENCE);
        sandbox.faults(SLOW_PAY);

        double inFlightAtKill;
        List<Purchase> done;
        try (ExecutorService users = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("shopper-", 0).factory())) {
            List<CompletableFuture<Purchase>> purchases = launch(CHECKOUTS_IN_BURST, users, Duration.ZERO,
                    sequence -> storefront.buy(sequence, shoppers.get(sequence % shoppers.size()), 0, false));
            OptionalDouble[] seen = {OptionalDouble.empty()};
            await("order-service with at least " + IN_FLIGHT_AT_KILL + " checkouts in flight").atMost(Duration.ofMinutes(2))
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        seen[0] = ServiceMetrics.gauge(RunningStack.metricsUri(orderService), "order_checkouts_in_flight");
                        return seen[0].orElse(0) >= IN_FLIGHT_AT_KILL;
                    });
            orderService.kill();
            inFlightAtKill = seen[0].getAsDouble();
            log.info("kill -9 of order-service with {} checkouts in flight", inFlightAtKill);
            orderService.start();
            log.info("order-service restarted");
            done = awaitAll(purchases);
        } finally {
            sandbox.clearFaults();
        }
        List<String> orderNos = done.stream().map(Purchase::orderNo).toList();
        assertThat(Set.copyOf(orderNos)).as("one order number per checkout").hasSize(CHECKOUTS_IN_BURST);
        await("every checkout decided").atMost(PATIENCE).pollInterval(Duration.ofSeconds(2))
                .until(() -> orderNos.stream().allMatch(orderNo -> stack.hasAny(OwnStack.ORDERS, orderNo)));

        stack.awaitServicesDone(Duration.ofMinutes(3));
        Map<String, List<OrderEvent>> decisions = stack.byOrder(OwnStack.ORDERS);
        UseePayLedger useePay = UseePayLedger.read(sandbox);
        List<String> violations = new ArrayList<>();
        for (String orderNo : orderNos) {
            List<OrderEvent> decided = decisions.getOrDefault(orderNo, List.of());
            violations.addAll(useePay.checkoutViolations(orderNo, decided));
            if (decided.size() == 1 && useePay.order(orderNo).isEmpty()) {
                violations.add(orderNo + ": UseePay holds no order; decision " + decided.getFirst().simpleType() + " "
                        + decided.getFirst().text("reasonCode"));
            }
        }
        log.info("verdict over {} checkouts ({} in flight at the kill): {} violation(s); decisions {}; create calls per order {}",
                orderNos.size(), inFlightAtKill, violations.size(),
                orderNos.stream().collect(Collectors.groupingBy(orderNo -> decisions.getOrDefault(orderNo, List.of()).stream()
                        .map(OrderEvent::simpleType).toList(), Collectors.counting())),
                orderNos.stream().collect(Collectors.groupingBy(orderNo -> useePay.counters(orderNo).creates(), Collectors.counting())));
        assertThat(inFlightAtKill).as("checkouts in flight when order-service was killed").isGreaterThanOrEqualTo(IN_FLIGHT_AT_KILL);
        assertThat(violations).as("violations, order by order").isEmpty();
        assertThat(useePay.askedAgainWithoutQuery(orderNos))
                .as("orders asked for again without a query: at most the killed order-service's in-flight window")
                .isLessThanOrEqualTo(ORDER_SERVICE_IN_FLIGHT_BOUND);
    }

    @Test
    void notifyServiceKilledMidStreamSettlesEveryAcknowledgedNotificationExactlyOnce() {
        ServiceProcess notifyService = stack.local().service(ServiceCatalogue.NOTIFY_SERVICE);
        List<List<Shopper>> shoppers = shoppers(16);
        Storefront storefront = new Storefront(stack.clients().sandbox(), PATIENCE);

        Instant killedAt;
        Instant backAt;
        Set<String> ackedBeforeKill;
        List<Purchase> done;
        try (ExecutorService users = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("shopper-", 0).factory())) {
            // First the orders, so that the stream of payments (and so of notifications) runs at a steady rate.
            List<Purchase> placed = awaitAll(launch(ORDERS_TO_PAY, users, Duration.ofMillis(50),
                    sequence -> storefront.buy(sequence, shoppers.get(sequence % shoppers.size()), 0, false)));
            List<Purchase> awaitingPayment = placed.stream().filter(p -> p.stateAfterCheckout().equals("AWAITING_PAYMENT")).toList();
            log.info("{} of {} orders await payment; checkout answers {}", awaitingPayment.size(), placed.size(),
                    placed.stream().collect(Collectors.groupingBy(Purchase::stateAfterCheckout, Collectors.counting())));
            assertThat(awaitingPayment).as("orders to pay").hasSizeGreaterThanOrEqualTo(MIN_ORDERS_TO_PAY);

            List<String> paidOrders = new CopyOnWriteArrayList<>();
            List<CompletableFuture<Purchase>> payments = launch(awaitingPayment.size(), users, BETWEEN_PAYMENTS, i -> {
                Purchase purchase = storefront.pay(awaitingPayment.get(i));
                paidOrders.add(purchase.orderNo());
                return purchase;
            });
            // The kill lands once notify-service has acknowledged (200) a good number of notifications, with
            // more payments, hence notifications, still to come.
            await("notifications acknowledged before the kill").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                    .until(() -> acknowledgedAmong(paidOrders).size() >= ACKNOWLEDGED_BEFORE_KILL);
            notifyService.kill();
            killedAt = Instant.now();
            ackedBeforeKill = acknowledgedAmong(paidOrders);
            log.info("kill -9 of notify-service after {} payments, {} notifications acknowledged", paidOrders.size(),
                    ackedBeforeKill.size());
            notifyService.start();
            backAt = Instant.now();
            log.info("notify-service restarted after {} ms, {} payments by then", Duration.between(killedAt, backAt).toMillis(),
                    paidOrders.size());
            done = awaitAll(payments);
        }
        List<String> orderNos = done.stream().map(Purchase::orderNo).toList();
        assertThat(done).as("payments during the outage").anyMatch(p -> p.paidAt().isAfter(killedAt) && p.paidAt().isBefore(backAt));
        await("every paid order settled").atMost(PATIENCE).pollInterval(Duration.ofSeconds(2))
                .until(() -> orderNos.stream().allMatch(orderNo -> stack.hasAny(OwnStack.OUTCOMES, orderNo)));

        stack.awaitServicesDone(Duration.ofMinutes(3));
        Map<String, List<OrderEvent>> outcomesByOrder = stack.byOrder(OwnStack.OUTCOMES);
        UseePayLedger useePay = UseePayLedger.read(sandbox);
        List<String> violations = new ArrayList<>();
        for (String orderNo : orderNos) {
            List<OrderEvent> outcomes = outcomesByOrder.getOrDefault(orderNo, List.of());
            Counters calls = useePay.counters(orderNo);
            Optional<PspOrder> order = useePay.order(orderNo);
            if (order.isEmpty() || !order.get().paid()) {
                violations.add(orderNo + ": UseePay says " + order.map(PspOrder::status).orElse("nothing"));
            }
            if (outcomes.size() != 1 || !outcomes.getFirst().simpleType().equals("PaymentSucceeded")) {
                violations.add(orderNo + ": " + calls.notificationsAcknowledged() + " notification(s) acknowledged"
                        + (ackedBeforeKill.contains(orderNo) ? " (before the kill)" : "") + ", outcomes " + UseePayLedger.names(outcomes));
            }
        }
        long acknowledged = orderNos.stream().filter(orderNo -> useePay.counters(orderNo).notificationsAcknowledged() > 0).count();
        long refusedOnce = orderNos.stream().map(useePay::counters)
                .filter(calls -> calls.notificationsSent() > calls.notificationsAcknowledged()).count();
        Map<String, Long> decidedBy = orderNos.stream().flatMap(orderNo -> outcomesByOrder.getOrDefault(orderNo, List.of()).stream())
                .collect(Collectors.groupingBy(outcome -> String.valueOf(outcome.text("decidedBy")), Collectors.counting()));
        log.info("verdict over {} paid orders: {} with an acknowledged notification ({} before the kill), {} with a delivery that"
                        + " failed; decided by {}; {} violation(s)", orderNos.size(), acknowledged, ackedBeforeKill.size(), refusedOnce,
                decidedBy, violations.size());
        assertThat(acknowledged).as("orders whose notification notify-service acknowledged").isPositive();
        assertThat(refusedOnce).as("orders with a notification that met the killed notify-service").isPositive();
        assertThat(violations).as("violations, order by order").isEmpty();
    }

    /** The orders among {@code orderNos} whose notification UseePay saw acknowledged with 200. */
    private static Set<String> acknowledgedAmong(List<String> orderNos) {
        Map<String, Counters> counters = sandbox.allCounters();
        return List.copyOf(orderNos).stream()
                .filter(orderNo -> counters.getOrDefault(orderNo, Counters.NONE).notificationsAcknowledged() > 0)
                .collect(Collectors.toSet());
    }

    private static List<List<Shopper>> shoppers(int count) {
        List<List<Shopper>> shoppers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            shoppers.add(stack.clients().logIn("o-kill-" + UUID.randomUUID(), stack.gateways()));
        }
        return shoppers;
    }

    private static List<CompletableFuture<Purchase>> launch(int count, ExecutorService users, Duration between,
                                                            IntFunction<Purchase> purchase) {
        List<CompletableFuture<Purchase>> purchases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int sequence = i;
            purchases.add(CompletableFuture.supplyAsync(() -> purchase.apply(sequence),
                    CompletableFuture.delayedExecutor(between.toMillis() * i, TimeUnit.MILLISECONDS, users)));
        }
        return purchases;
    }

    private static List<Purchase> awaitAll(List<CompletableFuture<Purchase>> purchases) {
        await("every purchase answered").atMost(PATIENCE.multipliedBy(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> purchases.stream().allMatch(CompletableFuture::isDone));
        return purchases.stream().map(CompletableFuture::join).toList();
    }
}
