package com.merchantpay.useepay.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.useepay.notification.NotificationVerdict.RefusalReason;
import com.merchantpay.useepay.query.PspOrderStatus;
import com.merchantpay.useepay.signing.Md5SignatureScheme;
import com.merchantpay.useepay.signing.MerchantKey;
import com.merchantpay.useepay.signing.RsaSignatureScheme;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NotificationVerifierTest {

    private static final String OURS = "500000000000001";
    private static final Md5SignatureScheme MD5 = new Md5SignatureScheme(new MerchantKey("TESTKEY123"));
    private final NotificationVerifier verifier = new NotificationVerifier(OURS, MD5);

    private static Map<String, String> unsigned() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("version", "1.0");
        fields.put("merchantNo", OURS);
        fields.put("transactionId", "ORDER20240101001");
        fields.put("reference", "UP2024000001");
        fields.put("transactionType", "pay");
        fields.put("amount", "1000");
        fields.put("currency", "HKD");
        fields.put("resultCode", "succeed");
        fields.put("errorCode", "0000");
        fields.put("errorMsg", "success");
        fields.put("echoParam", "");
        fields.put("signType", "MD5");
        return fields;
    }

    private static Map<String, String> signed(Map<String, String> fields) {
        fields.put("sign", MD5.sign(fields));
        return fields;
    }

    private static NotificationVerdict refused(RefusalReason reason) {
        return new NotificationVerdict.Refused(reason);
    }

    @Test
    void aGenuinePaymentNotificationIsVerified() {
        NotificationVerdict verdict = verifier.verify(signed(unsigned()));
        assertThat(verdict).isInstanceOfSatisfying(NotificationVerdict.Verified.class, verified -> {
            PaymentNotification n = verified.notification();
            assertThat(n.transactionId()).isEqualTo("ORDER20240101001");
            assertThat(n.reference()).isEqualTo("UP2024000001");
            assertThat(n.amountMinor()).isEqualTo(1000L);
            assertThat(n.currency()).isEqualTo("HKD");
            assertThat(n.status()).isEqualTo(PspOrderStatus.SUCCEED);
            assertThat(n.isRefund()).isFalse();
        });
    }

    @Test
    void anUnknownExtraFieldIsCoveredByTheSignatureAndKept() {
        Map<String, String> fields = unsigned();
        fields.put("riskLevel", "low");
        signed(fields);
        assertThat(verifier.verify(fields)).isInstanceOfSatisfying(NotificationVerdict.Verified.class,
                verified -> assertThat(verified.notification().fields()).containsEntry("riskLevel", "low"));

        fields.put("riskLevel", "high");
        assertThat(verifier.verify(fields)).isEqualTo(refused(RefusalReason.BAD_SIGNATURE));
    }

    @Test
    void anUnknownFieldAddedToASignedNotificationBreaksIt() {
        Map<String, String> fields = signed(unsigned());
        fields.put("injected", "1");
        assertThat(verifier.verify(fields)).isEqualTo(refused(RefusalReason.BAD_SIGNATURE));
    }

    @Test
    void aRefundNotificationIsVerifiedAndSaysSo() {
        Map<String, String> fields = unsigned();
        fields.put("transactionType", "refund");
        fields.put("transactionId", "REFUND1");
        fields.put("originalTransactionId", "ORDER20240101001");
        NotificationVerdict verdict = verifier.verify(signed(fields));
        assertThat(verdict).isInstanceOfSatisfying(NotificationVerdict.Verified.class, verified -> {
            assertThat(verified.notification().isRefund()).isTrue();
            assertThat(verified.notification().originalTransactionId()).isEqualTo("ORDER20240101001");
        });
    }

    @Test
    void aCardOnlyStatusIsVerifiedAsUnrecognisedWithoutCrashing() {
        Map<String, String> fields = unsigned();
        fields.put("resultCode", "gather");
        assertThat(verifier.verify(signed(fields))).isInstanceOfSatisfying(NotificationVerdict.Verified.class, verified -> {
            assertThat(verified.notification().status()).isEqualTo(PspOrderStatus.UNRECOGNISED);
            assertThat(verified.notification().statusWireValue()).isEqualTo("gather");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"merchantNo", "transactionId", "transactionType", "amount", "currency", "resultCode", "signType", "sign"})
    void eachRequiredFieldMissingOrEmptyIsRefused(String field) {
        Map<String, String> missing = signed(unsigned());
        missing.remove(field);
        assertThat(verifier.verify(missing)).isEqualTo(refused(RefusalReason.MISSING_FIELD));

        Map<String, String> empty = signed(unsigned());
        empty.put(field, "");
        assertThat(verifier.verify(empty)).isEqualTo(refused(RefusalReason.MISSING_FIELD));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "10.00", "1e3", "1000000000000", " 1000", "１０００"})
    void aMalformedAmountIsRefused(String amount) {
        Map<String, String> fields = unsigned();
        fields.put("amount", amount);
        assertThat(verifier.verify(signed(fields))).isEqualTo(refused(RefusalReason.MALFORMED_FIELD));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hkd", "HK", "HKDD", "H1D"})
    void aMalformedCurrencyIsRefused(String currency) {
        Map<String, String> fields = unsigned();
        fields.put("currency", currency);
        assertThat(verifier.verify(signed(fields))).isEqualTo(refused(RefusalReason.MALFORMED_FIELD));
    }

    @Test
    void theLargestTwelveDigitAmountIsAccepted() {
        Map<String, String> fields = unsigned();
        fields.put("amount", "999999999999");
        assertThat(verifier.verify(signed(fields))).isInstanceOf(NotificationVerdict.Verified.class);
    }

    @Test
    void aSignTypeOtherThanOursIsRefused() {
        Map<String, String> fields = unsigned();
        fields.put("signType", "RSA");
        assertThat(verifier.verify(signed(fields))).isEqualTo(refused(RefusalReason.UNSUPPORTED_SIGN_TYPE));
        fields.put("signType", "SHA1");
        assertThat(verifier.verify(signed(fields))).isEqualTo(refused(RefusalReason.UNSUPPORTED_SIGN_TYPE));
    }

    @Test
    void aTamperedAmountIsABadSignature() {
        Map<String, String> fields = signed(unsigned());
        fields.put("amount", "1");
        assertThat(verifier.verify(fields)).isEqualTo(refused(RefusalReason.BAD_SIGNATURE));
    }

    @Test
    void aMessageSignedWithAnotherKeyIsABadSignature() {
        Map<String, String> fields = unsigned();
        fields.put("sign", new Md5SignatureScheme(new MerchantKey("OTHERKEY")).sign(fields));
        assertThat(verifier.verify(fields)).isEqualTo(refused(RefusalReason.BAD_SIGNATURE));
    }

    @Test
    void aGenuinelySignedNotificationForAnotherMerchantIsWrongMerchant() {
        Map<String, String> fields = unsigned();
        fields.put("merchantNo", "500000000000999");
        assertThat(verifier.verify(signed(fields))).isEqualTo(refused(RefusalReason.WRONG_MERCHANT));
    }

    /** A forged message's merchant number tells nothing: the signature is judged first. */
    @Test
    void aForgedNotificationForAnotherMerchantIsABadSignatureNotWrongMerchant() {
        Map<String, String> fields = signed(unsigned());
        fields.put("merchantNo", "500000000000999");
        assertThat(verifier.verify(fields)).isEqualTo(refused(RefusalReason.BAD_SIGNATURE));
    }

    @Test
    void nullValuesCountAsMissing() {
        Map<String, String> fields = signed(unsigned());
        fields.put("currency", null);
        assertThat(verifier.verify(fields)).isEqualTo(refused(RefusalReason.MISSING_FIELD));
        assertThat(verifier.verify(null)).isEqualTo(refused(RefusalReason.MISSING_FIELD));
    }

    @Test
    void rsaNotificationsVerifyAgainstUseePaysPublicKey() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair useePay = generator.generateKeyPair();
        KeyPair merchant = generator.generateKeyPair();
        RsaSignatureScheme useePaySide = new RsaSignatureScheme(useePay.getPrivate(), merchant.getPublic());
        NotificationVerifier rsaVerifier = new NotificationVerifier(OURS, new RsaSignatureScheme(merchant.getPrivate(), useePay.getPublic()));

        Map<String, String> fields = unsigned();
        fields.put("signType", "RSA");
        fields.put("sign", useePaySide.sign(fields));
        assertThat(rsaVerifier.verify(fields)).isInstanceOf(NotificationVerdict.Verified.class);

        fields.put("sign", new RsaSignatureScheme(merchant.getPrivate(), merchant.getPublic()).sign(fields));
        assertThat(rsaVerifier.verify(fields)).isEqualTo(refused(RefusalReason.BAD_SIGNATURE));
    }
}
