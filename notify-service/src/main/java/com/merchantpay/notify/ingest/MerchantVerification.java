package com.merchantpay.notify.ingest;

import com.merchantpay.useepay.notification.NotificationVerdict;
import com.merchantpay.useepay.notification.NotificationVerifier;
import com.merchantpay.useepay.signing.MerchantKey;
import com.merchantpay.useepay.signing.Md5SignatureScheme;
import com.merchantpay.useepay.signing.RsaKeys;
import com.merchantpay.useepay.signing.RsaSignatureScheme;
import java.util.Map;
import java.util.Optional;

/**
 * UseePay signs a notification the way the order was placed (MD5 or RSA), so one verifier per
 * configured sign type, picked by the notification's own {@code signType}. An unconfigured sign
 * type falls to the MD5 verifier, which refuses it as UNSUPPORTED_SIGN_TYPE.
 */
final class MerchantVerification {

    private final NotificationVerifier md5;
    private final Optional<NotificationVerifier> rsa;

    MerchantVerification(UseePayMerchant merchant) {
        this.md5 = new NotificationVerifier(merchant.merchantNo(), new Md5SignatureScheme(new MerchantKey(merchant.md5Key())));
        // Verifying needs only UseePay's public key; this service never signs with RSA, so no private key.
        this.rsa = merchant.rsaConfigured()
                ? Optional.of(new NotificationVerifier(merchant.merchantNo(),
                        new RsaSignatureScheme(null, RsaKeys.publicKey(merchant.publicKey()))))
                : Optional.empty();
    }

    NotificationVerdict verify(Map<String, String> fields) {
        NotificationVerifier verifier = "RSA".equals(fields.get("signType")) ? rsa.orElse(md5) : md5;
        return verifier.verify(fields);
    }
}
