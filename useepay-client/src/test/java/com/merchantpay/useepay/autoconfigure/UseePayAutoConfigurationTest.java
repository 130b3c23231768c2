package com.merchantpay.useepay.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.useepay.UseePayClient;
import com.merchantpay.useepay.notification.NotificationVerifier;
import com.merchantpay.useepay.signing.Md5SignatureScheme;
import com.merchantpay.useepay.signing.RsaSignatureScheme;
import com.merchantpay.useepay.signing.SignatureScheme;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** What a service gets by depending on useepay-client: one way to configure UseePay, keys from the environment only. */
class UseePayAutoConfigurationTest {

    private static final String MD5_KEY = "auto-configuration-test-key";

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UseePayAutoConfiguration.class))
            .withPropertyValues("useepay.merchant-no=500000000000001");

    @Test
    void aServiceThatCallsUseePayGetsTheClientSignedTheWayItAskedFor() {
        service.withPropertyValues("useepay.base-url=http://127.0.0.1:9", "useepay.app-domain=www.example.com",
                        "useepay.notify-url=http://127.0.0.1:9/notify", UseePaySecrets.MD5_KEY + "=" + MD5_KEY)
                .run(context -> {
                    assertThat(context).hasSingleBean(UseePayClient.class).hasSingleBean(NotificationVerifier.class);
                    assertThat(context.getBean(SignatureScheme.class)).isInstanceOf(Md5SignatureScheme.class);
                    assertThat(context.getBean(UseePayProperties.class).toString()).doesNotContain(MD5_KEY);
                });
    }

    @Test
    void aServiceThatOnlyVerifiesNotificationsGetsNoClient() {
        service.withPropertyValues(UseePaySecrets.MD5_KEY + "=" + MD5_KEY).run(context -> {
            assertThat(context).hasSingleBean(NotificationVerifier.class).doesNotHaveBean(UseePayClient.class);
        });
    }

    @Test
    void rsaVerifiesWithUseePaysPublicKeyAndSignsWithOursOnlyWhereTheServiceCalls() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair ours = generator.generateKeyPair();
        KeyPair useepays = generator.generateKeyPair();
        String publicKey = UseePaySecrets.PUBLIC_KEY + "=" + Base64.getEncoder().encodeToString(useepays.getPublic().getEncoded());

        service.withPropertyValues("useepay.sign-type=RSA", publicKey).run(context ->
                assertThat(context.getBean(SignatureScheme.class)).isInstanceOf(RsaSignatureScheme.class));
        service.withPropertyValues("useepay.sign-type=RSA", publicKey, "useepay.base-url=http://127.0.0.1:9",
                        "useepay.app-domain=www.example.com").run(context ->
                assertThat(context).getFailure().rootCause().hasMessage("environment variable USEEPAY_MERCHANT_PRIVATE_KEY is not set"));
        service.withPropertyValues("useepay.sign-type=RSA", publicKey, "useepay.base-url=http://127.0.0.1:9",
                        "useepay.app-domain=www.example.com",
                        UseePaySecrets.MERCHANT_PRIVATE_KEY + "=" + Base64.getEncoder().encodeToString(ours.getPrivate().getEncoded()))
                .run(context -> assertThat(context).hasSingleBean(UseePayClient.class));
    }

    @Test
    void aMissingKeyOrMerchantStopsTheStartNamingWhatIsMissingButNeverAValue() {
        service.run(context -> assertThat(context).getFailure().rootCause()
                .hasMessage("environment variable USEEPAY_MD5_KEY is not set"));
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(UseePayAutoConfiguration.class))
                .withPropertyValues(UseePaySecrets.MD5_KEY + "=" + MD5_KEY)
                .run(context -> assertThat(context).getFailure().hasStackTraceContaining("merchantNo")
                        .satisfies(failure -> assertThat(String.valueOf(failure)).doesNotContain(MD5_KEY)));
    }
}
