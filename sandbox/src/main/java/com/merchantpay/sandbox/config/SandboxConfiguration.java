package com.merchantpay.sandbox.config;

import com.merchantpay.useepay.signing.Md5SignatureScheme;
import com.merchantpay.useepay.signing.MerchantKey;
import com.merchantpay.useepay.signing.RsaKeys;
import com.merchantpay.useepay.signing.RsaSignatureScheme;
import java.security.SecureRandom;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SandboxConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SandboxConfiguration.class);

    @Bean
    UseePayKeys useePayKeys(SandboxProperties properties) {
        SandboxProperties.UseePay useepay = properties.useepay();
        Md5SignatureScheme md5 = new Md5SignatureScheme(new MerchantKey(useepay.merchantKey()));
        // The sandbox is UseePay: it signs with UseePay's private key and checks the merchant's
        // requests against the merchant's public key — the mirror image of the client's scheme.
        Optional<RsaSignatureScheme> rsa = useepay.rsaEnabled()
                ? Optional.of(new RsaSignatureScheme(
                        RsaKeys.privateKey(useepay.useepayPrivateKey()),
                        RsaKeys.publicKey(useepay.merchantPublicKey())))
                : Optional.empty();
        log.info("sandbox serving {} with time scale {}", properties.useepay(), properties.timeScale());
        return new UseePayKeys(md5, rsa);
    }

    @Bean
    SecureRandom secureRandom() {
        return new SecureRandom();
    }
}
