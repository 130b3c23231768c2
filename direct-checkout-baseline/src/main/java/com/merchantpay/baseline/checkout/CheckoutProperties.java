package com.merchantpay.baseline.checkout;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What the checkout sells and to which Mini Program: prices come from here, never from the client
 * (the same rule order-service follows, so both paths do the same work per request).
 *
 * @param weChatAppId the Mini Program's appid, sent to UseePay as {@code subAppId}
 * @param products    product id → title, unit price in minor units, currency
 */
@Validated
@ConfigurationProperties("baseline")
public record CheckoutProperties(@NotBlank String weChatAppId, @NotEmpty Map<String, @Valid Product> products) {

    public record Product(@NotBlank String title, @Positive long unitPriceMinor,
                          @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency) {
    }
}
