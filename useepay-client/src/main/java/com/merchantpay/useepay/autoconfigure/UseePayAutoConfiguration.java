package com.merchantpay.useepay.autoconfigure;

import com.merchantpay.useepay.UseePayClient;
import com.merchantpay.useepay.notification.NotificationVerifier;
import com.merchantpay.useepay.signing.SignatureScheme;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * UseePay for every service that depends on this library: the signature scheme chosen once
 * ({@link UseePaySecrets}), the notification verifier, and — when {@code useepay.base-url} is set —
 * the client. (The sandbox, which plays UseePay, excludes it.)
 */
@AutoConfiguration
@EnableConfigurationProperties(UseePayProperties.class)
public class UseePayAutoConfiguration {

    @Bean
    SignatureScheme useePaySignatureScheme(UseePayProperties properties, Environment environment) {
        return UseePaySecrets.signatureScheme(properties, environment);
    }

    @Bean
    NotificationVerifier notificationVerifier(UseePayProperties properties, SignatureScheme scheme) {
        return new NotificationVerifier(properties.merchantNo(), scheme);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "useepay", name = "base-url")
    UseePayClient useePayClient(UseePayProperties properties, SignatureScheme scheme,
                                ObjectProvider<ObservationRegistry> observations) {
        // The service's registry, when it has one, so UseePay calls are spans of the order's trace.
        return UseePayClient.create(properties.settings(), scheme, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }
}
