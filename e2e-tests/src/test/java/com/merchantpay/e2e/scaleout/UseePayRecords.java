package com.merchantpay.e2e.scaleout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What UseePay (the sandbox) holds, read in bulk through its admin API: every order with how many
 * times it is listed, and every order's call counters. The verdicts trust these, never our services.
 */
final class UseePayRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One UseePay order; {@code listed} is how many entries of {@code GET /sandbox/orders} carry its number. */
    record PspOrder(String orderNo, String reference, String status, int listed) {
        boolean paid() {
            return "succeed".equals(status);
        }

        boolean isFinal() {
            return !"received".equals(status) && !"pending".equals(status);
        }
    }

    /** {@code creates} counts create calls, not orders. */
    record Counters(int creates, int queries, int notificationsSent, int notificationsAcknowledged) {
        static final Counters NONE = new Counters(0, 0, 0, 0);

        /**
         * Create calls after the first that no query can account for. order-service's client asks again
         * only after a query found the order (its recovery from an unknown outcome), with one exception:
         * UseePay hands an order's pay values out only in its reply to {@code pay}, so a checkout whose
         * reply reached an instance that was then killed before writing the decision is asked for again
         * by the partition's next owner straight away (UseePay, duplicateCreate IDEMPOTENT, hands the
         * same order back). So this is at most 1, and 1 only for checkouts in flight at a kill. The
         * sandbox's queries include the reconciler's, so the count is a floor, not exact.
         */
        int createsNoQueryExplains() {
            return Math.max(0, creates - 1 - queries);
        }
    }

    private final URI sandbox;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    UseePayRecords(URI sandbox) {
        this.sandbox = sandbox;
    }

    Map<String, PspOrder> orders(List<String> orderNos) {
        Map<String, Integer> listed = new HashMap<>();
        Map<String, PspOrder> orders = new HashMap<>();
        for (JsonNode order : get("/sandbox/orders")) {
            String orderNo = order.path("transactionId").asText();
            listed.merge(orderNo, 1, Integer::sum);
            orders.put(orderNo, new PspOrder(orderNo, order.path("reference").asText(), order.path("status").asText(), 0));
        }
        Map<String, PspOrder> wanted = new HashMap<>();
        for (String orderNo : orderNos) {
            PspOrder order = orders.get(orderNo);
            if (order != null) {
                wanted.put(orderNo, new PspOrder(orderNo, order.reference(), order.status(), listed.get(orderNo)));
            }
        }
        return wanted;
    }

    Map<String, Counters> counters(List<String> orderNos) {
        JsonNode all = get("/sandbox/counters").path("orders");
        Map<String, Counters> counters = new HashMap<>();
        for (String orderNo : orderNos) {
            JsonNode value = all.path(orderNo);
            counters.put(orderNo, value.isMissingNode() ? Counters.NONE : new Counters(value.path("creates").asInt(),
                    value.path("queries").asInt(), value.path("notificationsSent").asInt(),
                    value.path("notificationsAcknowledged").asInt()));
        }
        return counters;
    }

    /** Sets the sandbox's fault switches ({@code PUT /sandbox/faults}), e.g. added latency. */
    void setFaults(String json) {
        HttpResponse<String> reply = send(HttpRequest.newBuilder(sandbox.resolve("/sandbox/faults"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build());
        if (reply.statusCode() != 200) {
            throw new IllegalStateException("sandbox faults " + json + " refused: " + reply.statusCode() + " " + reply.body());
        }
    }

    void clearFaults() {
        send(HttpRequest.newBuilder(sandbox.resolve("/sandbox/faults")).DELETE().build());
    }

    private JsonNode get(String path) {
        HttpResponse<String> reply = send(HttpRequest.newBuilder(sandbox.resolve(path)).GET().build());
        try {
            return JSON.readTree(reply.body());
        } catch (IOException e) {
            throw new IllegalStateException("sandbox " + path + " answered " + reply.statusCode() + ": " + reply.body(), e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
