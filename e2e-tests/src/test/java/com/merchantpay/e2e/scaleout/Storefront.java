package com.merchantpay.e2e.scaleout;

import static org.awaitility.Awaitility.await;

import com.merchantpay.e2e.support.JsonHttp;
import com.merchantpay.e2e.support.Shopper;
import com.merchantpay.e2e.support.Shopper.Item;
import com.merchantpay.testsupport.SandboxAdmin;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One shopper's purchase as the Mini Program behind a load balancer makes it: the checkout is sent
 * with one {@code Idempotency-Key} until some gateway instance answers it (a refused connection, a
 * 5xx or a 429 moves on to the next instance, with the same key, so a retry never makes a second
 * order), a 202 is followed by the status long-poll until the order leaves {@code CREATING}, and an
 * order awaiting payment is paid in WeChat (the sandbox) when the shopper means to pay.
 */
final class Storefront {

    static final Set<String> FINAL_STATES = Set.of("REJECTED", "PAID", "FAILED", "CLOSED");
    private static final List<String> PRODUCTS = List.of("green-tea", "milk-tea", "egg-tart");

    /** What became of one purchase, as the shopper saw it. */
    record Purchase(int sequence, String orderNo, int firstGateway, int answeredBy, int checkoutStatus,
                    String stateAfterCheckout, boolean paid, Instant paidAt) {
    }

    private final SandboxAdmin sandbox;
    private final Duration patience;

    Storefront(SandboxAdmin sandbox, Duration patience) {
        this.sandbox = sandbox;
        this.patience = patience;
    }

    /** A product of the catalogue, varied by sequence, quantity 1-3. */
    static Item itemFor(int sequence) {
        return new Item(PRODUCTS.get(sequence % PRODUCTS.size()), 1 + sequence % 3);
    }

    /**
     * Checks out through {@code viaGateways.get(first)} (the next instance on failure) and, if the
     * order awaits payment and {@code pay}, pays it.
     *
     * @param viaGateways the same logged-in user as seen through each gateway instance
     */
    Purchase buy(int sequence, List<Shopper> viaGateways, int first, boolean pay) {
        String key = "scaleout-" + UUID.randomUUID();
        Item item = itemFor(sequence);
        AtomicInteger attempt = new AtomicInteger();
        AtomicInteger answeredBy = new AtomicInteger(-1);
        AtomicReference<JsonHttp.Reply> answer = new AtomicReference<>();
        await("checkout " + sequence).atMost(patience).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    int gateway = (first + attempt.getAndIncrement()) % viaGateways.size();
                    try {
                        JsonHttp.Reply reply = viaGateways.get(gateway).checkOut(key, null, item);
                        int status = reply.status();
                        if (status == 201 || status == 202 || status == 422) {
                            answer.set(reply);
                            answeredBy.set(gateway);
                            return true;
                        }
                        return false; // 5xx, 429: the next instance, same key
                    } catch (RuntimeException unreachable) {
                        return false; // refused or dropped connection: a killed instance
                    }
                });
        JsonHttp.Reply reply = answer.get();
        String orderNo = reply.body().path("orderNo").asString();
        if (orderNo.isBlank()) {
            throw new AssertionError("checkout " + sequence + " answered " + reply.status() + " without an order number: " + reply.body());
        }
        String state = reply.status() == 202 ? leaveCreating(viaGateways, answeredBy.get() + 1, orderNo)
                : reply.body().path("state").asString();
        if (!pay || !"AWAITING_PAYMENT".equals(state)) {
            return new Purchase(sequence, orderNo, first, answeredBy.get(), reply.status(), state, false, null);
        }
        sandbox.pay(orderNo);
        return new Purchase(sequence, orderNo, first, answeredBy.get(), reply.status(), state, true, Instant.now());
    }

    /** The shopper pays an order that awaits payment, in WeChat (the sandbox). */
    Purchase pay(Purchase placed) {
        if (!"AWAITING_PAYMENT".equals(placed.stateAfterCheckout())) {
            throw new IllegalArgumentException("order " + placed.orderNo() + " is " + placed.stateAfterCheckout());
        }
        sandbox.pay(placed.orderNo());
        return new Purchase(placed.sequence(), placed.orderNo(), placed.firstGateway(), placed.answeredBy(),
                placed.checkoutStatus(), placed.stateAfterCheckout(), true, Instant.now());
    }

    /** The 202 path: long-poll (any instance that answers) until the order leaves CREATING. */
    private String leaveCreating(List<Shopper> viaGateways, int first, String orderNo) {
        AtomicInteger attempt = new AtomicInteger(first);
        AtomicReference<String> state = new AtomicReference<>("CREATING");
        await("order " + orderNo + " leaves CREATING").atMost(patience).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> {
                    Shopper shopper = viaGateways.get(attempt.getAndIncrement() % viaGateways.size());
                    JsonHttp.Reply reply = shopper.status(orderNo, state.get(), 20);
                    if (reply.status() == 200) {
                        state.set(reply.body().path("state").asString());
                    }
                    return !"CREATING".equals(state.get());
                });
        return state.get();
    }
}
