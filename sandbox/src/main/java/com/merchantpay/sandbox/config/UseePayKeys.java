package com.merchantpay.sandbox.config;

import com.merchantpay.useepay.signing.Md5SignatureScheme;
import com.merchantpay.useepay.signing.RsaSignatureScheme;
import com.merchantpay.useepay.signing.SignType;
import com.merchantpay.useepay.signing.SignatureScheme;
import java.util.Optional;

/** The signature schemes UseePay would use with this merchant: MD5 always, RSA when configured. */
public record UseePayKeys(Md5SignatureScheme md5, Optional<RsaSignatureScheme> rsa) {

    /** The scheme for a wire {@code signType}, or empty when it is unknown or RSA is not configured. */
    public Optional<SignatureScheme> forSignType(String signType) {
        if (SignType.MD5.name().equals(signType)) {
            return Optional.of(md5);
        }
        if (SignType.RSA.name().equals(signType)) {
            return rsa.map(SignatureScheme.class::cast);
        }
        return Optional.empty();
    }
}
