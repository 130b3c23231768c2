package com.merchantpay.notify.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.notify.support.RunningNotifyService;
import com.merchantpay.useepay.form.UrlEncodedForm;
import com.merchantpay.useepay.signing.MerchantKey;
import com.merchantpay.useepay.signing.Md5SignatureScheme;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the notify URL answers to input that must change nothing: a clear non-200 with a stable
 * code, no record written. The bodies are crafted here on purpose: no sane UseePay sends them.
 */
class BadNotificationIT extends RunningNotifyService {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String FORM = "application/x-www-form-urlencoded";

    @Test
    void aRepeatedFieldIsAMalformedForm() {
        String orderNo = newOrderNo("repeated");
        String body = UrlEncodedForm.encode(signed(orderNo, "1000")) + "&amount=1";

        assertRefused(post(body, FORM), 400, "MALFORMED_FORM", orderNo);
    }

    @Test
    void aBrokenPercentEscapeOrNonUtf8IsAMalformedForm() {
        assertRefused(post("transactionId=a%zz&amount=1", FORM), 400, "MALFORMED_FORM", "a");
        assertRefused(post("transactionId=%ff%fe", FORM), 400, "MALFORMED_FORM", "x");
    }

    @Test
    void anOversizedBodyIsRefusedUnread() {
        String orderNo = newOrderNo("oversized");
        String body = UrlEncodedForm.encode(signed(orderNo, "1000")) + "&reserved=" + "x".repeat(10_000);

        assertRefused(post(body, FORM), 413, "BODY_TOO_LARGE", orderNo);
    }

    @Test
    void aMissingFieldIsRefused() {
        String orderNo = newOrderNo("missing");
        Map<String, String> fields = signed(orderNo, "1000");
        fields.remove("currency");

        assertRefused(post(UrlEncodedForm.encode(fields), FORM), 400, "MISSING_FIELD", orderNo);
    }

    @Test
    void aTamperedAmountFailsTheSignature() {
        String orderNo = newOrderNo("tampered");
        Map<String, String> fields = signed(orderNo, "1000");
        fields.put("amount", "1");

        assertRefused(post(UrlEncodedForm.encode(fields), FORM), 401, "BAD_SIGNATURE", orderNo);
    }

    @Test
    void anUnknownFieldIsSignedToo() {
        String orderNo = newOrderNo("unknown-field");
        Map<String, String> fields = signed(orderNo, "1000");
        fields.put("newField", "added in transit");

        assertRefused(post(UrlEncodedForm.encode(fields), FORM), 401, "BAD_SIGNATURE", orderNo);
    }

    @Test
    void aJsonBodyIsTheWrongMediaType() {
        assertRefused(post("{\"transactionId\":\"x\"}", "application/json"), 415, "UNSUPPORTED_MEDIA_TYPE", "x");
    }

    private void assertRefused(HttpResponse<String> response, int status, String code, String orderNo) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("json"));
        assertThat(response.body()).contains("\"code\":\"" + code + "\"");
        // Ingest answers only after its write was acknowledged, so a write would be committed by now.
        tap().readToEnd();
        assertThat(tap().records(FINDINGS, orderNo)).isEmpty();
    }

    /** A notification as UseePay would sign it, so that each test breaks exactly one thing. */
    private static Map<String, String> signed(String orderNo, String amount) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("version", "1.0");
        fields.put("merchantNo", sandbox().secrets().merchantNo());
        fields.put("transactionId", orderNo);
        fields.put("reference", "ref-" + orderNo);
        fields.put("transactionType", "pay");
        fields.put("amount", amount);
        fields.put("currency", "HKD");
        fields.put("resultCode", "succeed");
        fields.put("errorCode", "0000");
        fields.put("signType", "MD5");
        fields.put("sign", new Md5SignatureScheme(new MerchantKey(sandbox().secrets().merchantMd5Key())).sign(fields));
        return fields;
    }

    private HttpResponse<String> post(String body, String contentType) {
        try {
            return HTTP.send(HttpRequest.newBuilder(notifyUrl()).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
