package com.merchantpay.e2e.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox's test API: what the outside world does that no client of ours can (a WeChat user
 * logging in, paying in the WeChat app) and what UseePay knows (its orders and counters). Faults
 * are global to the sandbox: a test that sets them clears them.
 */
public final class SandboxAdmin {

    private final URI base;
    private final JsonHttp http;

    SandboxAdmin(URI base, JsonHttp http) {
        this.base = base;
        this.http = http;
    }

    /** {@code wx.login} on the user's phone: a fresh login code for this openid. */
    public String mintLoginCode(String openId) {
        JsonHttp.Reply reply = http.post(base.resolve("/sandbox/wechat/codes"), Map.of("openid", openId), Map.of());
        assertThat(reply.status()).as("mint a WeChat code: %s", reply.body()).isEqualTo(200);
        return reply.body().path("code").asText();
    }

    /** The user pays in WeChat: the order succeeds at UseePay and its notification goes out. */
    public JsonNode pay(String orderNo) {
        JsonHttp.Reply reply = http.post(base.resolve("/sandbox/orders/" + orderNo + "/pay"), "", Map.of());
        assertThat(reply.status()).as("sandbox pay %s: %s", orderNo, reply.body()).isEqualTo(200);
        return reply.body();
    }

    /** UseePay's own record of the order, if it has one. */
    public Optional<JsonNode> order(String orderNo) {
        JsonHttp.Reply reply = http.get(base.resolve("/sandbox/orders/" + orderNo), Map.of());
        return reply.status() == 404 ? Optional.empty() : Optional.of(reply.body());
    }

    /** {creates, queries, notificationsSent, notificationsAcknowledged, notificationsDropped, forgedNotificationsSent}. */
    public JsonNode counters(String orderNo) {
        return http.get(base.resolve("/sandbox/counters/" + orderNo), Map.of()).body();
    }

    /** Replaces every fault switch, e.g. {@code {"rules": {"NOTIFY_DROP": {"next": 1}}}}. */
    public void setFaults(String faultsJson) {
        JsonHttp.Reply reply = http.put(base.resolve("/sandbox/faults"), faultsJson);
        assertThat(reply.status()).as("set sandbox faults: %s", reply.body()).isEqualTo(200);
    }

    public void clearFaults() {
        http.delete(base.resolve("/sandbox/faults"));
    }

    /** UseePay's refunds of one paid order ({@code GET /sandbox/refunds} filtered by original order), oldest first. */
    public List<JsonNode> refundsOf(String orderNo) {
        List<JsonNode> refunds = new ArrayList<>();
        http.get(base.resolve("/sandbox/refunds"), Map.of()).body().forEach(refund -> {
            if (orderNo.equals(refund.path("originalTransactionId").asText())) {
                refunds.add(refund);
            }
        });
        return refunds;
    }
}
