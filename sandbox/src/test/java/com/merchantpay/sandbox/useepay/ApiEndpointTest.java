package com.merchantpay.sandbox.useepay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.sandbox.support.MerchantSchemes;
import com.merchantpay.sandbox.support.SandboxTestBase;
import com.merchantpay.sandbox.support.TestKeys;
import com.merchantpay.useepay.signing.Md5SignatureScheme;
import com.merchantpay.useepay.signing.MerchantKey;
import com.merchantpay.useepay.signing.RsaSignatureScheme;
import com.merchantpay.useepay.signing.SignType;
import com.merchantpay.useepay.signing.SignatureScheme;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /api} on the wire: reply shapes, signatures, and refusals of bad input. */
class ApiEndpointTest extends SandboxTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final SignatureScheme md5 = MerchantSchemes.of(SignType.MD5);

    private Map<String, String> reply(Map<String, String> form) {
        String body = postApi(form).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        return JSON.readValue(body, new TypeReference<Map<String, String>>() { });
    }

    @Test
    void aPayReplyIsSignedWithTheMerchantKeyAndCarriesRedirectParamAsJsonText() {
        String id = orderNumber("shape");
        Map<String, String> reply = reply(signed(payForm(id, md5), md5));

        assertThat(md5.verify(reply)).isTrue();
        assertThat(reply).containsEntry("resultCode", "received").containsEntry("errorCode", "0000")
                .containsEntry("transactionId", id).containsEntry("amount", "1000").containsEntry("currency", "HKD")
                .containsEntry("echoParam", "echo-" + id).containsEntry("signType", "MD5");
        Map<String, String> redirect = JSON.readValue(reply.get("redirectParam"), new TypeReference<>() { });
        assertThat(redirect).containsOnlyKeys("appId", "timeStamp", "nonceStr", "package", "signType", "paySign");
        assertThat(redirect.get("package")).startsWith("prepay_id=");
        assertThat(redirect.get("timeStamp")).matches("[0-9]{10}");
    }

    @Test
    void theSpellingSwitchesShowOnTheWire() {
        faults("{\"noceStr\":true,\"saleInQuery\":true}");
        String id = orderNumber("spell");
        Map<String, String> created = reply(signed(payForm(id, md5), md5));
        Map<String, String> queried = reply(signed(new LinkedHashMap<>(Map.of("version", "1.0",
                "merchantNo", TestKeys.MERCHANT_NO, "transactionType", "query", "transactionId", id)), md5));

        assertThat(JSON.readValue(created.get("redirectParam"), new TypeReference<Map<String, String>>() { }))
                .containsKey("noceStr").doesNotContainKey("nonceStr");
        assertThat(JSON.readValue(queried.get("transactionInfo"), new TypeReference<Map<String, String>>() { }))
                .containsEntry("transactionType", "sale");
    }

    @Test
    void anRsaSignedPayIsAnsweredWithUseePaysRsaSignature() {
        SignatureScheme merchantRsa = MerchantSchemes.of(SignType.RSA);
        Map<String, String> reply = reply(signed(payForm(orderNumber("rsa"), merchantRsa), merchantRsa));

        assertThat(reply).containsEntry("signType", "RSA").containsEntry("resultCode", "received");
        assertThat(merchantRsa.verify(reply)).isTrue();
        SignatureScheme wrongVerifier = new RsaSignatureScheme(TestKeys.MERCHANT.getPrivate(), TestKeys.MERCHANT.getPublic());
        assertThat(wrongVerifier.verify(reply)).isFalse();
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("missing amount", (Consumer<Map<String, String>>) f -> f.remove("amount")),
                Arguments.of("zero amount", (Consumer<Map<String, String>>) f -> f.put("amount", "0")),
                Arguments.of("decimal amount", (Consumer<Map<String, String>>) f -> f.put("amount", "10.00")),
                Arguments.of("13-digit amount", (Consumer<Map<String, String>>) f -> f.put("amount", "1000000000000")),
                Arguments.of("unsupported currency", (Consumer<Map<String, String>>) f -> f.put("currency", "EUR")),
                Arguments.of("lower-case currency", (Consumer<Map<String, String>>) f -> f.put("currency", "hkd")),
                Arguments.of("65-char transactionId", (Consumer<Map<String, String>>) f -> f.put("transactionId", "x".repeat(65))),
                Arguments.of("oversized echoParam", (Consumer<Map<String, String>>) f -> f.put("echoParam", "e".repeat(600))),
                Arguments.of("expiry 21 minutes", (Consumer<Map<String, String>>) f -> f.put("transactionExpirationTime", "21")),
                Arguments.of("appId with scheme", (Consumer<Map<String, String>>) f -> f.put("appId", "https://shop.example.com")),
                Arguments.of("notifyUrl not a URL", (Consumer<Map<String, String>>) f -> f.put("notifyUrl", "notify me")),
                Arguments.of("payerInfo not JSON", (Consumer<Map<String, String>>) f -> f.put("payerInfo", "{oops")),
                Arguments.of("payerInfo other method", (Consumer<Map<String, String>>) f -> f.put("payerInfo",
                        "{\"paymentMethod\":\"alipay\",\"sub_appid\":\"wx1\",\"sub_openid\":\"o1\"}")),
                Arguments.of("orderInfo without subject", (Consumer<Map<String, String>>) f -> f.put("orderInfo", "{}")),
                Arguments.of("unknown merchantNo", (Consumer<Map<String, String>>) f -> f.put("merchantNo", "123")),
                Arguments.of("unknown transactionType", (Consumer<Map<String, String>>) f -> f.put("transactionType", "void")),
                Arguments.of("wrong version", (Consumer<Map<String, String>>) f -> f.put("version", "2.0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsFailed1001WithAMessageAndNoStackTrace(String why, Consumer<Map<String, String>> spoil) {
        String id = orderNumber("bad");
        Map<String, String> form = payForm(id, md5);
        spoil.accept(form);
        Map<String, String> reply = reply(signed(form, md5));

        assertThat(reply).containsEntry("resultCode", "failed").containsEntry("errorCode", "1001");
        assertThat(reply.get("errorMsg")).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(md5.verify(reply)).isTrue();
        http.get().uri("/sandbox/orders/" + id).exchange().expectStatus().isNotFound();
    }

    @Test
    void aBadSignatureIsRefusedAndCreatesNothing() {
        String id = orderNumber("forged");
        Map<String, String> form = signed(payForm(id, md5), new Md5SignatureScheme(new MerchantKey("not-the-key")));

        assertThat(reply(form)).containsEntry("resultCode", "failed").containsEntry("errorCode", "1001")
                .containsEntry("errorMsg", "sign does not verify");
        http.get().uri("/sandbox/counters/" + id).exchange().expectBody().jsonPath("$.creates").isEqualTo(0);
    }

    @Test
    void aFieldChangedAfterSigningIsRefused() {
        Map<String, String> form = signed(payForm(orderNumber("tamper"), md5), md5);
        form.put("amount", "1");

        assertThat(reply(form)).containsEntry("errorCode", "1001");
    }

    @Test
    void aBodyThatIsNotAFormIsStillAJsonRefusal() {
        String body = http.post().uri("/api").bodyValue("{\"transactionType\":\"pay\"}").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        assertThat(body).contains("\"resultCode\":\"failed\"").contains("\"errorCode\":\"1001\"");
    }

    @Test
    void anOversizedBodyIsAJsonRefusalNotAnError() {
        String body = "version=1.0&echoParam=" + "x".repeat(300_000);
        http.post().uri("/api").header("Content-Type", "application/x-www-form-urlencoded").bodyValue(body).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.errorCode").isEqualTo("1001")
                .jsonPath("$.errorMsg").isEqualTo("body is not a readable form or exceeds 256 KB");
    }

    @Test
    void aQueryCarriesTransactionInfoAsJsonTextAndAnUnknownOrderHasNone() {
        String id = orderNumber("info");
        reply(signed(payForm(id, md5), md5));
        Map<String, String> query = new LinkedHashMap<>(Map.of("version", "1.0", "merchantNo", TestKeys.MERCHANT_NO,
                "transactionType", "query", "transactionId", id));

        Map<String, String> found = reply(signed(query, md5));
        assertThat(md5.verify(found)).isTrue();
        Map<String, String> info = JSON.readValue(found.get("transactionInfo"), new TypeReference<>() { });
        assertThat(info).containsEntry("resultCode", "received").containsEntry("transactionType", "pay")
                .containsEntry("transactionId", id).containsEntry("amount", "1000");

        query.put("transactionId", orderNumber("nobody"));
        assertThat(reply(signed(query, md5))).containsEntry("resultCode", "failed").doesNotContainKey("transactionInfo");
        http.get().uri("/sandbox/counters/" + id).exchange().expectBody().jsonPath("$.queries").isEqualTo(1);
    }

    @Test
    void aRefundOfAPaidOrderIsReceivedAndSettledByARefundNotification() {
        String id = orderNumber("paid");
        reply(signed(payForm(id, md5), md5));
        http.post().uri("/sandbox/orders/" + id + "/pay").exchange().expectStatus().isOk();
        String refundId = orderNumber("refund");
        Map<String, String> refund = new LinkedHashMap<>(Map.of("version", "1.0", "merchantNo", TestKeys.MERCHANT_NO,
                "transactionType", "refund", "transactionId", refundId, "originalTransactionId", id,
                "amount", "400", "currency", "HKD", "notifyUrl", receiver.url()));

        assertThat(reply(signed(refund, md5))).containsEntry("resultCode", "received").containsEntry("errorCode", "0000");
        await().atMost(Duration.ofSeconds(5)).until(() -> !receiver.deliveriesFor(refundId).isEmpty());
        Map<String, String> notification = receiver.deliveriesFor(refundId).getFirst().fields();
        assertThat(notification).containsEntry("transactionType", "refund").containsEntry("originalTransactionId", id)
                .containsEntry("amount", "400").containsEntry("resultCode", "succeed");
        assertThat(md5.verify(notification)).isTrue();

        refund.put("transactionId", orderNumber("refund"));
        refund.put("amount", "601");
        assertThat(reply(signed(refund, md5))).containsEntry("errorCode", "1001");
    }

    @Test
    void anUnpaidOrderCannotBeRefunded() {
        String id = orderNumber("open");
        reply(signed(payForm(id, md5), md5));
        Map<String, String> refund = new LinkedHashMap<>(Map.of("version", "1.0", "merchantNo", TestKeys.MERCHANT_NO,
                "transactionType", "refund", "transactionId", orderNumber("refund"), "originalTransactionId", id,
                "amount", "400", "currency", "HKD", "notifyUrl", receiver.url()));

        assertThat(reply(signed(refund, md5))).containsEntry("resultCode", "failed").containsEntry("errorCode", "1001");
    }
}
