package com.merchantpay.e2e.support;

import static org.awaitility.Awaitility.await;

import tools.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/** A logged-in Mini Program user: checkout and the order-status long-poll, as the front end calls them. */
public final class Shopper {

    /** What the gateway allows per long-poll; the front end asks again after each answer. */
    private static final int LONG_POLL_SECONDS = 20;

    private final URI gateway;
    private final String token;
    private final JsonHttp http;

    Shopper(URI gateway, String token, JsonHttp http) {
        this.gateway = gateway;
        this.token = token;
        this.http = http;
    }

    /** One basket line: product id and quantity (never a price: the backend prices from its catalog). */
    public record Item(String productId, int quantity) {
    }

    /**
     * {@code POST /api/v1/orders}. {@code traceId} (32 hex digits, an OpenTelemetry trace id), when not null,
     * goes out as the trace of a W3C {@code traceparent}, as a traced Mini Program would start it.
     *
     * @return the gateway's answer: 201 with the pay values, 202 while still creating, 4xx problems
     */
    public JsonHttp.Reply checkOut(String idempotencyKey, String traceId, Item... items) {
        Map<String, String> headers = new java.util.HashMap<>(Map.of(
                "Authorization", "Bearer " + token, "Idempotency-Key", idempotencyKey));
        if (traceId != null) {
            headers.put("traceparent", "00-" + traceId + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16) + "-01");
        }
        List<Map<String, Object>> lines = Arrays.stream(items)
                .map(item -> Map.<String, Object>of("productId", item.productId(), "quantity", item.quantity())).toList();
        return http.post(gateway.resolve("/api/v1/orders"), Map.of("items", lines), headers);
    }

    /** An order the backend accepted: its number and the five wx.requestPayment values. */
    public record PlacedOrder(String orderNo, JsonNode payment) {
    }

    /**
     * Checks out and returns the pay values: from the 201 answer, or, when the gateway answered 202
     * (order-service slower than the gateway's wait), from the status long-poll, as the Mini Program would.
     */
    public PlacedOrder placeOrder(String traceId, Item... items) {
        JsonHttp.Reply reply = checkOut("e2e-" + UUID.randomUUID(), traceId, items);
        if (reply.status() != 201 && reply.status() != 202) {
            throw new AssertionError("checkout answered " + reply.status() + ": " + reply.body());
        }
        String orderNo = reply.body().path("orderNo").asString();
        JsonNode order = reply.status() == 201 ? reply.body() : awaitState(orderNo, "AWAITING_PAYMENT", Duration.ofSeconds(60));
        if (!"AWAITING_PAYMENT".equals(order.path("state").asString()) || !order.path("payment").isObject()) {
            throw new AssertionError("checkout of " + orderNo + " gave no pay values: " + order);
        }
        return new PlacedOrder(orderNo, order.path("payment"));
    }

    /** {@code GET /api/v1/orders/{orderNo}}, long-polled while the state is {@code knownState} (null: answer now). */
    public JsonHttp.Reply status(String orderNo, String knownState, int waitSeconds) {
        String query = knownState == null ? "" : "?waitSeconds=" + waitSeconds + "&knownState=" + knownState;
        return http.get(gateway.resolve("/api/v1/orders/" + orderNo + query), Map.of("Authorization", "Bearer " + token));
    }

    /**
     * Long-polls as the Mini Program does (each answer's state becomes the next {@code knownState})
     * until the order is in {@code expected}; fails when it settles in another final state or time runs out.
     */
    public JsonNode awaitState(String orderNo, String expected, Duration atMost) {
        AtomicReference<String> known = new AtomicReference<>("CREATING");
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await("order " + orderNo + " " + expected).atMost(atMost).pollInterval(Duration.ofMillis(10)).pollDelay(Duration.ZERO)
                .failFast("order " + orderNo + " settled otherwise", () -> last.get() != null
                        && isFinal(last.get().path("state").asString()) && !expected.equals(last.get().path("state").asString()))
                .until(() -> {
                    JsonHttp.Reply reply = status(orderNo, known.get(), LONG_POLL_SECONDS);
                    if (reply.status() == 200) {
                        last.set(reply.body());
                        known.set(reply.body().path("state").asString());
                    }
                    return expected.equals(known.get());
                });
        return last.get();
    }

    private static boolean isFinal(String state) {
        return List.of("REJECTED", "PAID", "FAILED", "CLOSED").contains(state);
    }
}
