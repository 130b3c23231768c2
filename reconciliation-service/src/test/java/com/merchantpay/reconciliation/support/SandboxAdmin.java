package com.merchantpay.reconciliation.support;

import com.merchantpay.useepay.UseePayClient;
import com.merchantpay.useepay.UseePaySettings;
import com.merchantpay.useepay.pay.JsapiPayRequest;
import com.merchantpay.useepay.pay.PayResult;
import com.merchantpay.useepay.signing.Md5SignatureScheme;
import com.merchantpay.useepay.signing.MerchantKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a test does to the sandbox: create orders as order-service would (through the real client),
 * pay or expire them as the payer and the clock would, flip fault switches, read query counters.
 */
public final class SandboxAdmin implements AutoCloseable {

    /** Nobody listens here: notifications fail and UseePay retries them, as when notify-service is away. */
    private static final URI NOWHERE = URI.create("http://127.0.0.1:9/notify");

    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final UseePayClient client;

    public SandboxAdmin(SandboxProcess sandbox) {
        this.baseUrl = sandbox.baseUrl();
        this.client = UseePayClient.create(new UseePaySettings(URI.create(baseUrl), SandboxProcess.MERCHANT_NO,
                        "shop.example.com", NOWHERE, Duration.ofSeconds(2), Duration.ofSeconds(10), 64, 20_000),
                new Md5SignatureScheme(new MerchantKey(SandboxProcess.MERCHANT_KEY)));
    }

    /** Creates the order at UseePay; {@code expiry} in UseePay minutes (the sandbox scales them). */
    public PayResult.Accepted createOrder(String orderNo, int expiryMinutes) {
        PayResult result = client.pay(new JsapiPayRequest(orderNo, 1000, "HKD", "Reconciliation test",
                "wx00000000reconcile", "o-reconciliation-test", Duration.ofMinutes(expiryMinutes), null)).block();
        if (result instanceof PayResult.Accepted accepted) {
            return accepted;
        }
        throw new IllegalStateException("sandbox did not accept " + orderNo + ": " + result);
    }

    public void pay(String orderNo) {
        post("/sandbox/orders/" + orderNo + "/pay", null);
    }

    public void expire(String orderNo) {
        post("/sandbox/orders/" + orderNo + "/expire", null);
    }

    /** Replaces every switch, e.g. {@code {"rules":{"NOTIFY_DROP":{"share":1.0,"next":0}}}}. */
    public void faults(String settings) {
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/sandbox/faults")).PUT(HttpRequest.BodyPublishers.ofString(settings))
                .header("Content-Type", "application/json"));
    }

    public void noFaults() {
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/sandbox/faults")).DELETE());
    }

    /** How many query calls named this order. */
    public long queries(String orderNo) {
        JsonNode counters = json.readTree(send(HttpRequest.newBuilder(URI.create(baseUrl + "/sandbox/counters/" + orderNo)).GET()));
        return counters.get("queries").asLong();
    }

    /** The order's status as UseePay holds it ({@code received}, {@code succeed}, {@code closed}...). */
    public String status(String orderNo) {
        return json.readTree(send(HttpRequest.newBuilder(URI.create(baseUrl + "/sandbox/orders/" + orderNo)).GET()))
                .get("status").asString();
    }

    public JsonNode allCounters() {
        return json.readTree(send(HttpRequest.newBuilder(URI.create(baseUrl + "/sandbox/counters")).GET()));
    }

    private void post(String path, String body) {
        send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    private String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> reply = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() != 200) {
                throw new IllegalStateException("sandbox answered " + reply.statusCode() + ": " + reply.body());
            }
            return reply.body();
        } catch (IOException e) {
            throw new IllegalStateException("sandbox unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        client.close();
        http.close();
    }
}
