package com.merchantpay.e2e.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * UseePay's own records, read through the sandbox's admin API, and the user's moves in WeChat
 * ({@code pay}, {@code fail}). The chaos verdict trusts these, never our services' view.
 */
final class SandboxLedger {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One UseePay order as the sandbox holds it. */
    record PspOrder(String orderNo, String status, Instant createdAt) {
        boolean paid() {
            return "succeed".equals(status);
        }

        boolean isFinal() {
            return !"received".equals(status) && !"pending".equals(status);
        }
    }

    /** The sandbox's per-order counters. {@code creates} counts create calls, not orders. */
    record Counters(int creates, int queries, int notificationsSent, int notificationsAcknowledged,
                    int notificationsDropped) {
        static final Counters NONE = new Counters(0, 0, 0, 0, 0);
    }

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SandboxLedger(URI base) {
        this.base = base;
    }

    /** The user pays in WeChat. Returns the HTTP status: 200 paid, 409 already final (expired), 404 unknown. */
    int pay(String orderNo) {
        return post("/sandbox/orders/" + orderNo + "/pay").statusCode();
    }

    /** The payment fails in WeChat (UseePay code 0053). Same statuses as {@link #pay}. */
    int fail(String orderNo) {
        return post("/sandbox/orders/" + orderNo + "/fail").statusCode();
    }

    /** Every order UseePay holds, by order number (its transactionId). */
    Map<String, PspOrder> orders() {
        Map<String, PspOrder> orders = new LinkedHashMap<>();
        for (JsonNode order : get("/sandbox/orders")) {
            String orderNo = order.path("transactionId").asText();
            if (orders.put(orderNo, new PspOrder(orderNo, order.path("status").asText(),
                    Instant.parse(order.path("createdAt").asText()))) != null) {
                throw new AssertionError("The sandbox lists two UseePay orders for " + orderNo);
            }
        }
        return orders;
    }

    /** Counters of every order the sandbox has seen. */
    Map<String, Counters> counters() {
        Map<String, Counters> counters = new LinkedHashMap<>();
        get("/sandbox/counters").path("orders").properties().forEach(entry -> {
            JsonNode value = entry.getValue();
            counters.put(entry.getKey(), new Counters(value.path("creates").asInt(), value.path("queries").asInt(),
                    value.path("notificationsSent").asInt(), value.path("notificationsAcknowledged").asInt(),
                    value.path("notificationsDropped").asInt()));
        });
        return counters;
    }

    private JsonNode get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve(path)).GET());
        if (response.statusCode() != 200) {
            throw new AssertionError("sandbox GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("sandbox GET " + path + " answered no JSON", e);
        }
    }

    private HttpResponse<String> post(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("sandbox call failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
