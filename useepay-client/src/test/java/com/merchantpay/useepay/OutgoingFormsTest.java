package com.merchantpay.useepay;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.useepay.form.UrlEncodedForm;
import com.merchantpay.useepay.pay.JsapiPayRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signed forms the client puts on the wire. */
class OutgoingFormsTest {

    static final UseePaySettings SETTINGS = new UseePaySettings(URI.create("https://pay-gateway1.uat.useepay.com"),
            "500000000000001", "www.example.com", URI.create("https://merchant.example.com/notify"),
            Duration.ofSeconds(2), Duration.ofSeconds(5), 8, 16);

    private static JsapiPayRequest request(String subject, String payerIp) {
        return new JsapiPayRequest("ORDER20240101001", 1000, "HKD", subject,
                "wx1234567890abcdef", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", Duration.ofMinutes(15), payerIp);
    }

    @Test
    void payCarriesEveryContractFieldWithJsonTextAsSigned() {
        Map<String, String> form = OutgoingForms.pay(request("Test goods", "203.0.113.9"), SETTINGS, ReplySigner.MD5);

        assertThat(form).containsExactly(
                Map.entry("version", "1.0"),
                Map.entry("transactionType", "pay"),
                Map.entry("merchantNo", "500000000000001"),
                Map.entry("transactionId", "ORDER20240101001"),
                Map.entry("appId", "www.example.com"),
                Map.entry("amount", "1000"),
                Map.entry("currency", "HKD"),
                Map.entry("notifyUrl", "https://merchant.example.com/notify"),
                Map.entry("transactionExpirationTime", "15"),
                Map.entry("payerInfo", "{\"paymentMethod\":\"wechat_jsapi\",\"sub_appid\":\"wx1234567890abcdef\",\"sub_openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"}"),
                Map.entry("orderInfo", "{\"subject\":\"Test goods\"}"),
                Map.entry("userInfo", "{\"ip\":\"203.0.113.9\"}"),
                Map.entry("signType", "MD5"),
                Map.entry("sign", form.get("sign")));
        assertThat(ReplySigner.MD5.verify(form)).isTrue();
    }

    /** Without the expiry and IP fields, the pay form is exactly the contract's worked example. */
    @Test
    void withoutExpiryAndIpThePayFormSignsLikeTheWorkedExample() {
        Map<String, String> form = new java.util.LinkedHashMap<>(
                OutgoingForms.pay(request("Test goods", null), SETTINGS, ReplySigner.MD5));
        assertThat(form).doesNotContainKey("userInfo");
        form.remove("transactionExpirationTime");
        assertThat(ReplySigner.MD5.sign(form)).isEqualTo("a346ef60a89cad43ec45ca4177fa9eac");
    }

    @Test
    void aNonAsciiSubjectIsSentAsRawUtf8TextNotEscaped() {
        Map<String, String> form = OutgoingForms.pay(request("測試商品 – café", null), SETTINGS, ReplySigner.MD5);
        assertThat(form.get("orderInfo")).isEqualTo("{\"subject\":\"測試商品 – café\"}");
    }

    @Test
    void aSubjectWithQuotesStaysValidJson() {
        Map<String, String> form = OutgoingForms.pay(request("5\" \"pizza\" \\ & = +", null), SETTINGS, ReplySigner.MD5);
        assertThat(ReplyFields.parse(form.get("orderInfo"))).contains(Map.of("subject", "5\" \"pizza\" \\ & = +"));
    }

    @Test
    void theEncodedBodyDecodesToTheSignedValues() {
        Map<String, String> form = OutgoingForms.pay(request("測試 & = + %", "::1"), SETTINGS, ReplySigner.MD5);
        Map<String, String> received = UrlEncodedForm.parse(UrlEncodedForm.encode(form).getBytes(StandardCharsets.US_ASCII));
        assertThat(received).isEqualTo(form);
        assertThat(ReplySigner.MD5.verify(received)).isTrue();
    }

    @Test
    void queryByOrderNumberOrByReference() {
        assertThat(OutgoingForms.query(OrderLookup.byTransactionId("ORDER1"), SETTINGS, ReplySigner.MD5))
                .containsEntry("transactionType", "query").containsEntry("transactionId", "ORDER1")
                .containsEntry("version", "1.0").containsEntry("merchantNo", "500000000000001")
                .containsEntry("signType", "MD5").doesNotContainKey("reference")
                .satisfies(form -> assertThat(ReplySigner.MD5.verify(form)).isTrue());
        assertThat(OutgoingForms.query(OrderLookup.byReference("UP1"), SETTINGS, ReplySigner.MD5))
                .containsEntry("reference", "UP1").doesNotContainKey("transactionId");
    }
}
