package com.merchantpay.order.psp;

import com.merchantpay.useepay.UseePayClient;
import com.merchantpay.useepay.UseePaySettings;
import com.merchantpay.useepay.signing.Md5SignatureScheme;
import com.merchantpay.useepay.signing.MerchantKey;
import com.merchantpay.useepay.signing.RsaKeys;
import com.merchantpay.useepay.signing.RsaSignatureScheme;
import com.merchantpay.useepay.signing.SignatureScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class UseePayConfiguration {

    @Bean(destroyMethod = "close")
    UseePayClient useePayClient(UseePayProperties properties) {
        UseePaySettings settings = new UseePaySettings(properties.baseUrl(), properties.merchantNo(),
                properties.appDomain(), properties.notifyUrl(), properties.connectTimeout(),
                properties.responseTimeout(), properties.maxConnections(), properties.maxPendingAcquires());
        return UseePayClient.create(settings, signatureScheme(properties));
    }

    private static SignatureScheme signatureScheme(UseePayProperties properties) {
        return switch (properties.signType()) {
            case MD5 -> new Md5SignatureScheme(new MerchantKey(properties.md5Key()));
            case RSA -> new RsaSignatureScheme(RsaKeys.privateKey(properties.merchantPrivateKey()),
                    RsaKeys.publicKey(properties.useepayPublicKey()));
        };
    }
}
