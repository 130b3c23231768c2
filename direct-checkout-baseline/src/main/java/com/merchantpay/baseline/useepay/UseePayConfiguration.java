package com.merchantpay.baseline.useepay;

import com.merchantpay.useepay.UseePayClient;
import com.merchantpay.useepay.UseePaySettings;
import com.merchantpay.useepay.signing.Md5SignatureScheme;
import com.merchantpay.useepay.signing.MerchantKey;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The same client, pool and timeouts as order-service, so the two paths differ only in what surrounds the call. */
@Configuration(proxyBeanMethods = false)
class UseePayConfiguration {

    @Bean(destroyMethod = "close")
    UseePayClient useePayClient(UseePayProperties properties) {
        UseePaySettings settings = new UseePaySettings(properties.baseUrl(), properties.merchantNo(),
                properties.appDomain(), properties.notifyUrl(), properties.connectTimeout(),
                properties.responseTimeout(), properties.maxConnections(), properties.maxPendingAcquires());
        return UseePayClient.create(settings, new Md5SignatureScheme(new MerchantKey(properties.md5Key())));
    }
}
