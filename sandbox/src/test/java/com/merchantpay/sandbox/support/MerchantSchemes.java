package com.merchantpay.sandbox.support;

import com.merchantpay.useepay.signing.Md5SignatureScheme;
import com.merchantpay.useepay.signing.MerchantKey;
import com.merchantpay.useepay.signing.RsaSignatureScheme;
import com.merchantpay.useepay.signing.SignType;
import com.merchantpay.useepay.signing.SignatureScheme;

/** The merchant's side of signing: what the real backend would configure. */
public final class MerchantSchemes {

    private MerchantSchemes() {
    }

    public static SignatureScheme of(SignType type) {
        return switch (type) {
            case MD5 -> new Md5SignatureScheme(new MerchantKey(TestKeys.MERCHANT_KEY));
            case RSA -> new RsaSignatureScheme(TestKeys.MERCHANT.getPrivate(), TestKeys.USEEPAY.getPublic());
        };
    }
}
