package com.merchantpay.useepay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.merchantpay.useepay.pay.JsapiPayRequest;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UseePaySettingsTest {

    private static UseePaySettings settings(String baseUrl, String merchantNo, String appDomain, Duration connect, int pending) {
        return new UseePaySettings(URI.create(baseUrl), merchantNo, appDomain, URI.create("https://merchant.example.com/notify"),
                connect, Duration.ofSeconds(5), 4, pending);
    }

    @Test
    void theApiEndpointIsBaseSlashApiWhateverTheBaseLooksLike() {
        assertThat(settings("https://pay-gateway.useepay.com", "M1", "www.example.com", Duration.ofSeconds(1), 1).apiEndpoint())
                .isEqualTo(URI.create("https://pay-gateway.useepay.com/api"));
        assertThat(settings("http://127.0.0.1:8089/useepay/", "M1", "www.example.com", Duration.ofSeconds(1), 1).apiEndpoint())
                .isEqualTo(URI.create("http://127.0.0.1:8089/useepay/api"));
    }

    @Test
    void invalidSettingsAreRefusedWithAClearMessage() {
        assertThatIllegalArgumentException().isThrownBy(() -> settings("ftp://x", "M1", "www.example.com", Duration.ofSeconds(1), 1))
                .withMessageContaining("baseUrl");
        assertThatIllegalArgumentException().isThrownBy(() -> settings("https://x", "12345678901234567", "www.example.com", Duration.ofSeconds(1), 1))
                .withMessageContaining("merchantNo");
        assertThatIllegalArgumentException().isThrownBy(() -> settings("https://x", "M1", "https://www.example.com", Duration.ofSeconds(1), 1))
                .withMessageContaining("appDomain");
        assertThatIllegalArgumentException().isThrownBy(() -> settings("https://x", "M1", "www.example.com", Duration.ZERO, 1))
                .withMessageContaining("connectTimeout");
        assertThatIllegalArgumentException().isThrownBy(() -> settings("https://x", "M1", "www.example.com", Duration.ofSeconds(1), 0))
                .withMessageContaining("maxPendingAcquires");
        assertThatIllegalArgumentException().isThrownBy(() -> new UseePaySettings(URI.create("https://x"), "M1", "www.example.com",
                null, Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 1)).withMessageContaining("notifyUrl");
    }

    @Test
    void invalidPayRequestsCannotBeBuilt() {
        assertThatIllegalArgumentException().isThrownBy(() -> payRequest("O1", 0, "HKD", Duration.ofMinutes(5))).withMessageContaining("amountMinor");
        assertThatIllegalArgumentException().isThrownBy(() -> payRequest("O1", 1_000_000_000_000L, "HKD", Duration.ofMinutes(5)))
                .withMessageContaining("12 digits");
        assertThatIllegalArgumentException().isThrownBy(() -> payRequest("O1", 100, "hkd", Duration.ofMinutes(5))).withMessageContaining("currency");
        assertThatIllegalArgumentException().isThrownBy(() -> payRequest("O".repeat(65), 100, "HKD", Duration.ofMinutes(5)))
                .withMessageContaining("64");
        assertThatIllegalArgumentException().isThrownBy(() -> payRequest("O1", 100, "HKD", Duration.ofMinutes(21))).withMessageContaining("expiry");
        assertThatIllegalArgumentException().isThrownBy(() -> payRequest("O1", 100, "HKD", Duration.ofSeconds(90))).withMessageContaining("expiry");
        assertThat(payRequest("O".repeat(64), 999_999_999_999L, "HKD", Duration.ofMinutes(20)).amountMinor()).isEqualTo(999_999_999_999L);
        assertThat(payRequest("O1", 1, "HKD", Duration.ofMinutes(1)).payerIp()).isNull();
    }

    private static JsapiPayRequest payRequest(String transactionId, long amount, String currency, Duration expiry) {
        return new JsapiPayRequest(transactionId, amount, currency, "subject", "wx1", "openid", expiry, " ");
    }
}
