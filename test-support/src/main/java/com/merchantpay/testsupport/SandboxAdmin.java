package com.merchantpay.testsupport;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox's admin API, typed: what the outside world does that no client of ours can (the payer
 * pays, the clock expires an order, a WeChat user logs in) and what UseePay knows (its orders and
 * per-order counters). Works against any sandbox: the tests' own ({@link Sandbox#admin()}) or the
 * local stack's. Fault switches are global to a sandbox: a test that sets them clears them.
 */
public final class SandboxAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final URI baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public SandboxAdmin(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * What happened to one order (or refund) number, as the sandbox counts it.
     *
     * @param creates     valid {@code pay} calls (more than one means the merchant asked twice; UseePay still holds one order)
     * @param refundCalls valid {@code refund} calls naming this refund number
     * @param refundsMade refunds UseePay made for it (more than one would be money going back twice)
     */
    public record Counters(long creates, long queries, long notificationsSent, long notificationsAcknowledged,
                           long notificationsDropped, long forgedNotificationsSent, long refundCalls, long refundsMade) {

        public static final Counters NONE = new Counters(0, 0, 0, 0, 0, 0, 0, 0);

        static Counters of(JsonNode node) {
            return new Counters(node.path("creates").asLong(), node.path("queries").asLong(),
                    node.path("notificationsSent").asLong(), node.path("notificationsAcknowledged").asLong(),
                    node.path("notificationsDropped").asLong(), node.path("forgedNotificationsSent").asLong(),
                    node.path("refundCalls").asLong(), node.path("refundsMade").asLong());
        }
    }

    /**
     * One UseePay order as the sandbox holds it; {@code orderNo} is its transactionId, {@code traceparent}
     * the W3C trace context its create call carried (the sandbox sends it on the order's notifications).
     */
    public record PspOrder(String orderNo, String reference, long amountMinor, String currency, String status,
                           long refundedMinor, String traceId, Instant createdAt, Instant expiresAt, String traceparent) {

        public boolean paid() {
            return "succeed".equals(status);
        }

        /** Neither {@code received} nor {@code pending}: UseePay will not change its mind. */
        public boolean isFinal() {
            return !"received".equals(status) && !"pending".equals(status);
        }

        static PspOrder of(JsonNode node) {
            return new PspOrder(node.path("transactionId").asString(), text(node, "reference"), node.path("amount").asLong(),
                    text(node, "currency"), text(node, "status"), node.path("refunded").asLong(), text(node, "traceId"),
                    instant(node, "createdAt"), instant(node, "expiresAt"), text(node, "traceparent"));
        }
    }

    /**
     * One refund as the sandbox holds it.
     *
     * @param refundNo its transactionId; {@code orderNo} is the paid order it refunds
     * @param status   {@code received}, {@code succeed} or {@code failed}
     */
    public record PspRefund(String refundNo, String reference, String orderNo, long amountMinor, String currency,
                            String status, String errorCode, String traceId, Instant createdAt) {

        static PspRefund of(JsonNode node) {
            return new PspRefund(node.path("transactionId").asString(), text(node, "reference"),
                    text(node, "originalTransactionId"), node.path("amount").asLong(), text(node, "currency"),
                    text(node, "status"), text(node, "errorCode"), text(node, "traceId"), instant(node, "createdAt"));
        }
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** No orders, codes, blocks or counters, every switch off, pending deliveries abandoned. */
    public void reset() {
        expectOk("POST", "/sandbox/reset", null);
    }

    /** Replaces every switch, e.g. {@code {"rules":{"NOTIFY_DROP":{"share":1.0,"next":0}},"addedLatency":"PT0.1S"}}. */
    public void faults(String json) {
        expectOk("PUT", "/sandbox/faults", json);
    }

    /** Every switch off. */
    public void clearFaults() {
        expectOk("DELETE", "/sandbox/faults", null);
    }

    /** The payer pays in WeChat. Returns the HTTP status: 200 paid, 409 already final, 404 no such order. */
    public int pay(String orderNo) {
        return send("POST", "/sandbox/orders/" + encode(orderNo) + "/pay", null).statusCode();
    }

    /** The payment fails in WeChat. Same statuses as {@link #pay}. */
    public int fail(String orderNo) {
        return send("POST", "/sandbox/orders/" + encode(orderNo) + "/fail", null).statusCode();
    }

    /** The order's time runs out now. Same statuses as {@link #pay}. */
    public int expire(String orderNo) {
        return send("POST", "/sandbox/orders/" + encode(orderNo) + "/expire", null).statusCode();
    }

    /** Zeroes for a number the sandbox never saw. */
    public Counters counters(String orderNo) {
        return Counters.of(json(expectOk("GET", "/sandbox/counters/" + encode(orderNo), null)));
    }

    /** Counters of every order number the sandbox has seen. */
    public Map<String, Counters> allCounters() {
        Map<String, Counters> all = new LinkedHashMap<>();
        json(expectOk("GET", "/sandbox/counters", null)).path("orders").properties()
                .forEach(entry -> all.put(entry.getKey(), Counters.of(entry.getValue())));
        return all;
    }

    /** Valid {@code pay} calls since the last reset, all order numbers together. */
    public long totalCreates() {
        return json(expectOk("GET", "/sandbox/counters/totals", null)).path("creates").asLong();
    }

    public long creates(String orderNo) {
        return counters(orderNo).creates();
    }

    public long queries(String orderNo) {
        return counters(orderNo).queries();
    }

    /** UseePay's order for this number, if it holds one. */
    public Optional<PspOrder> order(String orderNo) {
        HttpResponse<String> reply = send("GET", "/sandbox/orders/" + encode(orderNo), null);
        if (reply.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(PspOrder.of(json(ok(reply, "GET /sandbox/orders/" + orderNo))));
    }

    /** Every order the sandbox holds, oldest first. */
    public List<PspOrder> orders() {
        List<PspOrder> orders = new ArrayList<>();
        json(expectOk("GET", "/sandbox/orders", null)).forEach(node -> orders.add(PspOrder.of(node)));
        return orders;
    }

    /** How many orders the sandbox holds for this number: 0 or 1, as UseePay keeps one per transactionId. */
    public long ordersHeld(String orderNo) {
        return orders().stream().filter(order -> orderNo.equals(order.orderNo())).count();
    }

    /** Every refund the sandbox holds, oldest first. */
    public List<PspRefund> refunds() {
        List<PspRefund> refunds = new ArrayList<>();
        json(expectOk("GET", "/sandbox/refunds", null)).forEach(node -> refunds.add(PspRefund.of(node)));
        return refunds;
    }

    /** The refunds of one paid order, oldest first. */
    public List<PspRefund> refundsOf(String orderNo) {
        return refunds().stream().filter(refund -> orderNo.equals(refund.orderNo())).toList();
    }

    /** {@code wx.login} on the user's phone: a fresh login code for this openid. */
    public String mintLoginCode(String openId) {
        return json(expectOk("POST", "/sandbox/wechat/codes", "{\"openid\":" + quoted(openId) + "}")).path("code").asString();
    }

    /** WeChat's risk control flags the user: code2Session answers 40226. */
    public void block(String openId) {
        expectOk("PUT", "/sandbox/wechat/blocked/" + encode(openId), null);
    }

    /** code2Session called directly, as another backend would: burns the code, spends the user's quota. */
    public JsonNode code2Session(String appId, String secret, String code) {
        return json(send("GET", "/sns/jscode2session?appid=" + encode(appId) + "&secret=" + encode(secret)
                + "&js_code=" + encode(code) + "&grant_type=authorization_code", null).body());
    }

    /** Any other call, e.g. a UseePay form to {@code POST /api}. */
    public HttpResponse<String> post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(baseUrl.resolve(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)), "POST " + path);
    }

    private String expectOk(String method, String path, String json) {
        return ok(send(method, path, json), method + " " + path);
    }

    private static String ok(HttpResponse<String> reply, String call) {
        if (reply.statusCode() != 200) {
            throw new IllegalStateException("sandbox " + call + " answered " + reply.statusCode() + ": " + reply.body());
        }
        return reply.body();
    }

    private HttpResponse<String> send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return send(request, method + " " + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String call) {
        try {
            return http.send(request.timeout(CALL_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("sandbox " + call + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: sandbox " + call, e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalStateException("sandbox answered no JSON: " + body, e);
        }
    }

    private static String quoted(String text) {
        return JSON.writeValueAsString(text);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }

    private static Instant instant(JsonNode node, String field) {
        String text = text(node, field);
        return text == null ? null : Instant.parse(text);
    }
}
