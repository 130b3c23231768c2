package com.merchantpay.useepay;

import static com.merchantpay.useepay.ReplySigner.jsonString;
import static com.merchantpay.useepay.ReplySigner.signed;
import static com.merchantpay.useepay.ReplySigner.withSign;
import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.useepay.pay.JsapiPayRequest;
import com.merchantpay.useepay.pay.PayResult;
import com.merchantpay.useepay.pay.WxPaymentParameters;
import com.merchantpay.useepay.signing.RsaSignatureScheme;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every variant of a {@code pay} reply the contract lists, as literal JSON. */
class PayReplyReaderTest {

    static final JsapiPayRequest SENT = new JsapiPayRequest("ORDER20240101001", 1000, "HKD", "Test goods",
            "wx1234567890abcdef", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", Duration.ofMinutes(15), "203.0.113.9");

    static final String REDIRECT = "{\"appId\":\"wx1234567890abcdef\",\"timeStamp\":\"1704067200\","
            + "\"nonceStr\":\"n0nce\",\"package\":\"prepay_id=wx2024\",\"signType\":\"RSA\",\"paySign\":\"cGF5U2lnbg==\"}";

    static final WxPaymentParameters EXPECTED_PAYMENT = new WxPaymentParameters(
            "wx1234567890abcdef", "1704067200", "n0nce", "prepay_id=wx2024", "RSA", "cGF5U2lnbg==");

    static String reply(String resultCode, String redirectParam) {
        return "{\"resultCode\":\"" + resultCode + "\",\"errorCode\":\"0000\",\"errorMsg\":\"success\","
                + "\"transactionType\":\"pay\",\"transactionId\":\"ORDER20240101001\",\"reference\":\"UP2024000001\","
                + "\"amount\":\"1000\",\"currency\":\"HKD\",\"echoParam\":\"\",\"signType\":\"MD5\""
                + (redirectParam == null ? "" : ",\"redirectParam\":" + jsonString(redirectParam)) + "}";
    }

    private static PayResult read(String body) {
        return PayReplyReader.read(body, SENT, ReplySigner.MD5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"received", "pending", "succeed"})
    void awaitingPaymentWithRedirectParamIsAccepted(String resultCode) {
        assertThat(read(signed(reply(resultCode, REDIRECT)))).isEqualTo(new PayResult.Accepted(
                "ORDER20240101001", "UP2024000001", 1000, "HKD", resultCode, EXPECTED_PAYMENT));
    }

    /** Signed by hand (python hashlib) from the contract's rules, so the reader is pinned to the contract, not to itself. */
    @Test
    void aReplySignedOutsideThisCodebaseIsAcceptedAndNoceStrBecomesNonceStr() {
        String body = "{\"resultCode\":\"received\",\"errorCode\":\"0000\",\"errorMsg\":\"success\",\"transactionType\":\"pay\","
                + "\"transactionId\":\"ORDER20240101001\",\"reference\":\"UP2024000001\",\"amount\":1000,\"currency\":\"HKD\","
                + "\"echoParam\":null,\"signType\":\"MD5\",\"redirectParam\":\"{\\\"appId\\\":\\\"wx1234567890abcdef\\\","
                + "\\\"timeStamp\\\":\\\"1704067200\\\",\\\"noceStr\\\":\\\"n0nce\\\",\\\"package\\\":\\\"prepay_id=wx2024\\\","
                + "\\\"signType\\\":\\\"RSA\\\",\\\"paySign\\\":\\\"cGF5U2lnbg==\\\"}\",\"sign\":\"af6323ef60d22edd017ecdccb7be4566\"}";
        assertThat(read(body)).isEqualTo(new PayResult.Accepted(
                "ORDER20240101001", "UP2024000001", 1000, "HKD", "received", EXPECTED_PAYMENT));
    }

    @Test
    void nonceStrWinsOverNoceStrWhenBothArrive() {
        String both = REDIRECT.replace("}", ",\"noceStr\":\"other\"}");
        assertThat(read(signed(reply("received", both))))
                .isInstanceOfSatisfying(PayResult.Accepted.class, accepted -> assertThat(accepted.payment().nonceStr()).isEqualTo("n0nce"));
    }

    @Test
    void failedIsRejectedWithUseePaysCodeAndMessage() {
        String body = reply("failed", null).replace("\"0000\"", "\"0053\"").replace("\"success\"", "\"refused by risk control\"");
        assertThat(read(signed(body))).isEqualTo(new PayResult.Rejected("0053", "refused by risk control"));
    }

    @Test
    void duplicateOrderRejectionIsReportedAsUseePaySentIt() {
        String body = reply("failed", null).replace("\"0000\"", "\"1001\"").replace("\"success\"", "\"duplicate\"");
        assertThat(read(signed(body))).isEqualTo(new PayResult.Rejected("1001", "duplicate"));
    }

    @Test
    void aFailedReplyWithABadSignatureIsUnknownNeverRejected() {
        String body = withSign(reply("failed", null), "0123456789abcdef0123456789abcdef");
        assertThat(read(body)).isInstanceOf(PayResult.Unknown.class);
    }

    @Test
    void aReplyWithoutSignIsUnknown() {
        assertThat(read(reply("received", REDIRECT))).isInstanceOf(PayResult.Unknown.class);
    }

    @Test
    void aReplyAlteredAfterSigningIsUnknown() {
        String body = signed(reply("received", REDIRECT)).replace("prepay_id=wx2024", "prepay_id=evil");
        assertThat(read(body)).isInstanceOf(PayResult.Unknown.class);
    }

    @Test
    void anUnsignedFieldSlippedIntoASignedReplyIsUnknown() {
        String body = signed(reply("received", REDIRECT)).replace("{\"resultCode\"", "{\"extra\":\"x\",\"resultCode\"");
        assertThat(read(body)).isInstanceOf(PayResult.Unknown.class);
    }

    @Test
    void unknownFieldsThatWereSignedAreAccepted() {
        String body = signed(reply("received", REDIRECT).replace("{\"resultCode\"", "{\"newField\":\"v2\",\"resultCode\""));
        assertThat(read(body)).isInstanceOf(PayResult.Accepted.class);
    }

    @Test
    void aReplySignedWithAnotherSignTypeIsUnknown() {
        assertThat(read(signed(reply("received", REDIRECT).replace("\"signType\":\"MD5\"", "\"signType\":\"RSA\""))))
                .isInstanceOfSatisfying(PayResult.Unknown.class, unknown -> assertThat(unknown.cause()).contains("signType"));
    }

    @Test
    void anRsaSignedReplyVerifiesAgainstUseePaysPublicKey() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair useePay = generator.generateKeyPair();
        KeyPair merchant = generator.generateKeyPair();
        RsaSignatureScheme useePaySide = new RsaSignatureScheme(useePay.getPrivate(), merchant.getPublic());
        RsaSignatureScheme merchantSide = new RsaSignatureScheme(merchant.getPrivate(), useePay.getPublic());
        String body = ReplySigner.signed(reply("pending", REDIRECT).replace("\"MD5\"", "\"RSA\""), useePaySide);

        assertThat(PayReplyReader.read(body, SENT, merchantSide)).isInstanceOf(PayResult.Accepted.class);
        assertThat(PayReplyReader.read(body.replace("pending", "received"), SENT, merchantSide)).isInstanceOf(PayResult.Unknown.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not json", "[]", "\"text\"", "{\"resultCode\":\"received\"", "{}{}", "<html>502</html>",
            "{\"resultCode\":\"received\",\"resultCode\":\"failed\"}"})
    void unparsableBodiesAreUnknown(String body) {
        assertThat(read(body)).isInstanceOf(PayResult.Unknown.class);
    }

    @Test
    void duplicateKeysAreUnknownEvenWhenSigned() {
        String body = signed(reply("failed", null));
        String duplicated = body.replace("{\"resultCode\":\"failed\"", "{\"resultCode\":\"received\",\"resultCode\":\"failed\"");
        assertThat(read(duplicated)).isInstanceOf(PayResult.Unknown.class);
    }

    @Test
    void awaitingPaymentWithoutRedirectParamIsUnknown() {
        assertThat(read(signed(reply("received", null)))).isInstanceOfSatisfying(PayResult.Unknown.class,
                unknown -> assertThat(unknown.cause()).contains("redirectParam"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"appId\":\"wx1\"}", "[1,2]"})
    void incompleteOrUnreadableRedirectParamIsUnknown(String redirectParam) {
        assertThat(read(signed(reply("received", redirectParam)))).isInstanceOf(PayResult.Unknown.class);
    }

    @Test
    void aRedirectParamWithoutPaySignIsUnknown() {
        String noPaySign = REDIRECT.replace(",\"paySign\":\"cGF5U2lnbg==\"", "");
        assertThat(read(signed(reply("received", noPaySign)))).isInstanceOf(PayResult.Unknown.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gather", "challenge", "pending_review", "closed", "cancelled", "SUCCEED", ""})
    void otherResultCodesAreUnknown(String resultCode) {
        assertThat(read(signed(reply(resultCode, REDIRECT)))).isInstanceOf(PayResult.Unknown.class);
    }

    @Test
    void aReplyWithoutResultCodeIsUnknown() {
        assertThat(read(signed(reply("x", REDIRECT).replace("\"resultCode\":\"x\",", "")))).isInstanceOf(PayResult.Unknown.class);
    }

    @Test
    void aSignedReplyAboutAnotherOrderIsUnknown() {
        assertThat(read(signed(reply("received", REDIRECT).replace("ORDER20240101001", "ORDER-OTHER"))))
                .isInstanceOf(PayResult.Unknown.class);
        assertThat(read(signed(reply("failed", null).replace("ORDER20240101001", "ORDER-OTHER"))))
                .isInstanceOf(PayResult.Unknown.class);
    }

    @Test
    void aSignedReplyWithAnotherAmountOrCurrencyIsUnknown() {
        assertThat(read(signed(reply("received", REDIRECT).replace("\"1000\"", "\"1\"")))).isInstanceOf(PayResult.Unknown.class);
        assertThat(read(signed(reply("received", REDIRECT).replace("\"HKD\"", "\"USD\"")))).isInstanceOf(PayResult.Unknown.class);
        assertThat(read(signed(reply("received", REDIRECT).replace("\"1000\"", "\"10.00\"")))).isInstanceOf(PayResult.Unknown.class);
    }

    @Test
    void aMinimalReplyIsAcceptedWithTheRequestsOwnFigures() {
        String minimal = "{\"resultCode\":\"received\",\"signType\":\"MD5\",\"redirectParam\":" + jsonString(REDIRECT) + "}";
        assertThat(read(signed(minimal))).isEqualTo(
                new PayResult.Accepted("ORDER20240101001", null, 1000, "HKD", "received", EXPECTED_PAYMENT));
    }
}
