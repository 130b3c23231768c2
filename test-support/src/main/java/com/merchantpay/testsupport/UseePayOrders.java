package com.merchantpay.testsupport;

import com.merchantpay.useepay.UseePayClient;
import com.merchantpay.useepay.UseePaySettings;
import com.merchantpay.useepay.pay.JsapiPayRequest;
import com.merchantpay.useepay.pay.PayResult;
import com.merchantpay.useepay.refund.RefundRequest;
import com.merchantpay.useepay.refund.RefundResult;
import com.merchantpay.useepay.signing.MerchantKey;
import com.merchantpay.useepay.signing.Md5SignatureScheme;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.net.URI;
import java.time.Duration;

/**
 * order-service's part, played by a test: JSAPI orders placed (and paid ones refunded) at the test JVM's {@link Sandbox}
 * through the real UseePay client, MD5-signed with the sandbox's merchant key. Only for modules that
 * have useepay-client (test-support's dependency on it is optional).
 */
public final class UseePayOrders implements AutoCloseable {

    public static final String APP_DOMAIN = "shop.example.com";

    private final Sandbox sandbox;
    private final UseePayClient client;

    /** Orders whose notifications UseePay sends to {@code notifyUrl}. */
    public UseePayOrders(Sandbox sandbox, URI notifyUrl) {
        this(sandbox, notifyUrl, ObservationRegistry.NOOP);
    }

    /** As above, with calls observed in {@code observations}, as order-service's are (client spans, traceparent). */
    public UseePayOrders(Sandbox sandbox, URI notifyUrl, ObservationRegistry observations) {
        this.sandbox = sandbox;
        this.client = UseePayClient.create(new UseePaySettings(sandbox.baseUrl(), sandbox.secrets().merchantNo(), APP_DOMAIN,
                        notifyUrl, Duration.ofSeconds(2), Duration.ofSeconds(10), 64, 20_000),
                new Md5SignatureScheme(new MerchantKey(sandbox.secrets().merchantMd5Key())), observations);
    }

    /** Places the order; {@code expiry} in UseePay minutes (the sandbox scales them). Fails unless UseePay accepted it. */
    public PayResult.Accepted place(String orderNo, long amountMinor, String currency, int expiryMinutes) {
        return place(orderNo, amountMinor, currency, expiryMinutes, null);
    }

    /** As above, the call observed as a child of {@code parent} (as order-service's checkout span is the pay call's parent). */
    public PayResult.Accepted place(String orderNo, long amountMinor, String currency, int expiryMinutes, Observation parent) {
        PayResult result = client.pay(new JsapiPayRequest(orderNo, amountMinor, currency, "Test goods",
                sandbox.secrets().weChatAppId(), "openid-" + orderNo, Duration.ofMinutes(expiryMinutes), null))
                .contextWrite(context -> parent == null ? context : context.put(ObservationThreadLocalAccessor.KEY, parent))
                .block(Duration.ofSeconds(30));
        if (result instanceof PayResult.Accepted accepted) {
            return accepted;
        }
        throw new IllegalStateException("the sandbox did not accept " + orderNo + ": " + result);
    }

    /** Asks UseePay for a refund of a paid order under the refund's own number; fails unless UseePay accepted it. */
    public RefundResult.Accepted refund(String refundNo, String orderNo, long amountMinor, String currency) {
        RefundResult result = client.refundOrRecover(new RefundRequest(refundNo, orderNo, amountMinor, currency))
                .block(Duration.ofSeconds(30));
        if (result instanceof RefundResult.Accepted accepted) {
            return accepted;
        }
        throw new IllegalStateException("the sandbox did not accept refund " + refundNo + ": " + result);
    }

    @Override
    public void close() {
        client.close();
    }
}
