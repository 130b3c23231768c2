package com.merchantpay.order.catalog;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The merchant's catalog and the limits a basket must keep. Prices live here, never in the event:
 * the Mini Program only says what and how many.
 *
 * @param products           product id → what it is and costs
 * @param maxItems           item lines allowed in one checkout
 * @param maxQuantityPerItem the largest quantity one line may ask for
 * @param maxTotalMinor      the largest order total, in minor units of the order's currency
 */
@Validated
@ConfigurationProperties("catalog")
public record CatalogProperties(
        @NotEmpty Map<String, @Valid Product> products,
        @Positive @DefaultValue("50") int maxItems,
        @Positive @DefaultValue("99") int maxQuantityPerItem,
        @Positive @DefaultValue("5000000") long maxTotalMinor) {

    public CatalogProperties {
        products = Map.copyOf(products);
    }

    /**
     * @param title          shown on the WeChat bill
     * @param unitPriceMinor price of one unit in minor units
     * @param currency       ISO 4217, upper case
     */
    public record Product(
            @NotBlank String title,
            @Positive long unitPriceMinor,
            @Pattern(regexp = "[A-Z]{3}") String currency) {
    }
}
